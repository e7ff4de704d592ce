package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Instant;

/** Everything one step decides on, read once: the app, what was observed, the time, the operator settings. */
record StepContext(String appName, SparkApplicationSpec spec, SparkApplicationStatus current, Observation observed,
        Instant now, StateMachineConfig config) {

    /** The driver pod to delete: the observed one, else the one the status names (null = derived name). */
    String driverPodToDelete() {
        Pod pod = observed.driverPod();
        if (pod != null) {
            return PodLabels.name(pod);
        }
        return current.driverInfo() == null ? null : current.driverInfo().podName();
    }

    Action deleteSubmissionResources() {
        return new Action.DeleteSubmissionResources(driverPodToDelete());
    }

    /** True when the observed driver pod carries the submission ID the status recorded. */
    boolean observedDriverIsCurrentSubmission() {
        Pod pod = observed.driverPod();
        String recorded = current.submissionID();
        return pod != null && recorded != null && !recorded.isEmpty() && recorded.equals(PodLabels.submissionId(pod));
    }
}
