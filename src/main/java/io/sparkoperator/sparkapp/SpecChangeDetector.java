package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkoperator.state.SpecChanges;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an update event changed a SparkApplication's spec in a way that forces a rerun (INVALIDATING): any
 * difference except {@code suspend} and {@code timeToLiveSeconds}, as the state package's {@link SpecChanges}
 * defines it. When either version cannot be read by the typed model, the raw manifests are compared the same way,
 * so fixing a broken spec still reruns the app.
 */
final class SpecChangeDetector {
    private SpecChangeDetector() {
    }

    static boolean changed(GenericKubernetesResource before, GenericKubernetesResource after) {
        Long generationBefore = before.getMetadata().getGeneration();
        if (generationBefore != null && generationBefore.equals(after.getMetadata().getGeneration())) {
            // The API server bumps generation on every spec change (the CRD has a status subresource), so equal
            // generations mean a status or metadata write - most events, our own status writes among them - and
            // the two typed conversions below can be skipped.
            return false;
        }
        try {
            return SpecChanges.differ(SparkApplications.toTyped(before).getSpec(),
                    SparkApplications.toTyped(after).getSpec());
        } catch (InvalidManifestException e) {
            return !Objects.equals(comparable(before), comparable(after));
        }
    }

    private static Object comparable(GenericKubernetesResource app) {
        Object spec = app.getAdditionalProperties().get("spec");
        if (!(spec instanceof Map<?, ?> map)) {
            return spec;
        }
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        copy.remove("suspend");
        copy.remove("timeToLiveSeconds");
        return copy;
    }
}
