package io.sparkoperator.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an update event changed a SparkApplication's spec in a way that forces a rerun (INVALIDATING): any
 * difference except {@code suspend} and {@code timeToLiveSeconds}. Compared on the raw manifests so that it also
 * works for a spec the typed model cannot read (fixing such a spec must rerun the app).
 */
final class SpecChangeDetector {
    private SpecChangeDetector() {
    }

    static boolean changed(GenericKubernetesResource before, GenericKubernetesResource after) {
        return !Objects.equals(comparable(before), comparable(after));
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
