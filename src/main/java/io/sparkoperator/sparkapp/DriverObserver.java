package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.state.Observation;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.submit.DriverPodName;
import io.sparkoperator.ui.UiExposure;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the state machine needs to see of an app's pods and UI objects, read from the informer caches. A driver
 * missing from the cache is confirmed with a live GET before the app is told it is gone (the cache may lag behind a
 * pod spark-submit just created). The UI Service and Ingress are not cached: they are read live, and only in the
 * states that wait for them to be gone.
 */
final class DriverObserver {
    private static final Set<AppState> FOLLOWING_DRIVER = EnumSet.of(AppState.SUBMITTED, AppState.RUNNING,
            AppState.UNKNOWN);
    /**
     * The states whose decision reads "the old run's resources still exist" (SUSPENDED waits for them to be gone,
     * PENDING_RERUN and SUBMISSION_FAILED before resubmitting): only there are the UI objects read live. The other
     * states read the driver pod alone, so a new app costs no Service GET.
     */
    private static final Set<AppState> WAITING_FOR_CLEANUP = EnumSet.of(AppState.SUSPENDED, AppState.PENDING_RERUN,
            AppState.SUBMISSION_FAILED);

    private final KubernetesClient client;
    private final SparkCaches caches;
    private final UiExposure ui;

    DriverObserver(KubernetesClient client, SparkCaches caches, UiExposure ui) {
        this.client = client;
        this.caches = caches;
        this.ui = ui;
    }

    Observation observe(ResourceKey key, SparkApplication app, boolean specChanged) {
        SparkApplicationStatus status = app.getStatus() == null ? SparkApplicationStatus.initial() : app.getStatus();
        AppState state = status.state();
        String driverName = driverPodName(app);
        Pod driver = caches.pod(key.namespace(), driverName);
        boolean recordedSubmission = status.submissionID() != null
                && StateMachine.PRE_SUBMIT_STATES.contains(state);
        if (driver == null && (FOLLOWING_DRIVER.contains(state) || recordedSubmission)) {
            driver = client.pods().inNamespace(key.namespace()).withName(driverName).get();
        }
        List<Pod> appPods = caches.podsOf(key);
        List<Pod> executors = status.submissionID() == null ? List.of() : appPods.stream()
                .filter(pod -> Labels.ROLE_EXECUTOR.equals(label(pod, Labels.SPARK_ROLE)))
                .filter(pod -> status.submissionID().equals(label(pod, Labels.SUBMISSION_ID)))
                .toList();
        boolean resourcesExist = driver != null;
        if (!resourcesExist && WAITING_FOR_CLEANUP.contains(state)) {
            resourcesExist = appPods.stream().anyMatch(pod -> Labels.ROLE_DRIVER.equals(label(pod, Labels.SPARK_ROLE)))
                    || ui.exists(key.namespace(), key.name());
        }
        return new Observation(driver, executors, resourcesExist, specChanged);
    }

    /** The driver pod the status names, else the name spark-submit gives it. */
    static String driverPodName(SparkApplication app) {
        SparkApplicationStatus status = app.getStatus();
        if (status != null && status.driverInfo() != null && status.driverInfo().podName() != null) {
            return status.driverInfo().podName();
        }
        return DriverPodName.of(app);
    }

    private static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : Objects.toString(labels.get(key), null);
    }
}
