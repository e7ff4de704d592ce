package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * What the controller saw just before a step.
 *
 * @param driverPod the driver pod of the app ({@code status.driverInfo.podName}, else the derived driver pod name),
 *        or {@code null} when it does not exist. The controller confirms a cache miss with a live GET before
 *        reporting {@code null}: a missing driver fails a running app.
 * @param executorPods the executor pods of the app's current submission (labels app-name, submission-id,
 *        spark-role=executor), in any order
 * @param submissionResourcesExist whether the driver pod, the UI Service or the UI Ingress of this app still exist
 *        (any submission). Used before resubmitting and before SUSPENDED/PENDING_RERUN move on.
 * @param specChanged whether the spec changed since the controller last saw it, ignoring {@code suspend} and
 *        {@code timeToLiveSeconds} (see {@link SpecChanges#differ}).
 */
public record Observation(Pod driverPod, List<Pod> executorPods, boolean submissionResourcesExist,
        boolean specChanged) {
    public Observation {
        executorPods = executorPods == null ? List.of() : List.copyOf(executorPods);
        submissionResourcesExist = submissionResourcesExist || driverPod != null;
    }

    /** Nothing exists yet and the spec is unchanged: a brand-new app. */
    public static Observation nothing() {
        return new Observation(null, List.of(), false, false);
    }

    public static Observation driver(Pod driverPod, List<Pod> executorPods) {
        return new Observation(driverPod, executorPods, driverPod != null, false);
    }

    public Observation withSpecChanged(boolean changed) {
        return new Observation(driverPod, executorPods, submissionResourcesExist, changed);
    }

    public Observation withSubmissionResourcesExist(boolean exist) {
        return new Observation(driverPod, executorPods, exist, specChanged);
    }
}
