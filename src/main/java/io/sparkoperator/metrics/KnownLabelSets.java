package io.sparkoperator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every label-value list the operator has seen (from the cache or from events), so each keeps its series - at 0
 * before anything happened to it. Starts with the all-{@code Unknown} list when the set has no namespace label.
 */
final class KnownLabelSets {
    private final ResourceLabeler labeler;
    private final Set<List<String>> seen = ConcurrentHashMap.newKeySet();

    KnownLabelSets(MetricsSettings settings) {
        this.labeler = new ResourceLabeler(settings.labels());
        List<String> unknown = labeler.allUnknown();
        if (unknown != null) {
            seen.add(unknown);
        }
    }

    List<String> names() {
        return labeler.names();
    }

    /** The label values of a resource, remembered. */
    List<String> of(HasMetadata resource) {
        List<String> values = labeler.valuesOf(resource);
        seen.add(values);
        return values;
    }

    Set<List<String>> all() {
        return seen;
    }
}
