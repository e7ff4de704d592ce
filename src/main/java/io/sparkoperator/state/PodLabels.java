package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.Labels;
import java.util.Map;

/** Reads the Spark and operator labels the state machine decides on. */
final class PodLabels {
    private PodLabels() {
    }

    static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    static String submissionId(Pod pod) {
        return label(pod, Labels.SUBMISSION_ID);
    }

    static String sparkApplicationId(Pod pod) {
        String id = label(pod, Labels.SPARK_APP_SELECTOR);
        return id == null || id.isEmpty() ? null : id;
    }

    static String name(Pod pod) {
        return pod.getMetadata() == null ? null : pod.getMetadata().getName();
    }
}
