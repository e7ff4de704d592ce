package io.sparkoperator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured metric label set ({@code --metrics-labels}) and how a resource fills it: a value from the object's
 * {@code metadata.labels} (keys compared after sanitizing), else the object namespace for the label
 * {@code namespace}, else {@code Unknown} - the Go operator's rule.
 */
public record ResourceLabeler(List<String> names) {
    public static final String UNKNOWN = "Unknown";
    public static final String NAMESPACE = "namespace";

    public ResourceLabeler {
        names = names.stream().map(MetricNaming::labelName).distinct().toList();
    }

    /** The label values for one resource, in the order of {@link #names()}. */
    public List<String> valuesOf(HasMetadata resource) {
        Map<String, String> byLabelName = new HashMap<>();
        Map<String, String> labels = resource.getMetadata().getLabels();
        if (labels != null) {
            labels.forEach((key, value) -> byLabelName.put(MetricNaming.labelName(key), value));
        }
        List<String> values = new ArrayList<>(names.size());
        for (String name : names) {
            String value = byLabelName.get(name);
            if (value == null && NAMESPACE.equals(name)) {
                value = resource.getMetadata().getNamespace();
            }
            values.add(value == null ? UNKNOWN : value);
        }
        return List.copyOf(values);
    }

    /** The values of a resource that carries none of the labels; {@code null} when one label is the namespace. */
    public List<String> allUnknown() {
        if (names.contains(NAMESPACE)) {
            return null;
        }
        return names.stream().map(n -> UNKNOWN).toList();
    }
}
