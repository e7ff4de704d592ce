package io.sparkoperator.batch;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a scheduler needs on one side's pods (driver or executor): labels and annotations merged over the user's
 * (the scheduler's value wins, as the Go operator overwrote the spec's maps) and the {@code schedulerName}.
 */
public record PodFields(Map<String, String> labels, Map<String, String> annotations, String schedulerName) {
    public PodFields {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public static PodFields scheduledBy(String schedulerName) {
        return new PodFields(Map.of(), Map.of(), schedulerName);
    }

    public PodFields withLabel(String key, String value) {
        Map<String, String> more = new TreeMap<>(labels);
        more.put(key, value);
        return new PodFields(more, annotations, schedulerName);
    }

    public PodFields withAnnotation(String key, String value) {
        Map<String, String> more = new TreeMap<>(annotations);
        more.put(key, value);
        return new PodFields(labels, more, schedulerName);
    }
}
