package io.sparkoperator.state;

import java.time.Duration;
import java.util.Objects;

/**
 * One side effect the controller performs for a {@link Decision}, in list order, after (or, for {@link Submit},
 * exactly as described there) writing the decision's status. All actions are idempotent: repeating one after a
 * crash is harmless.
 */
public sealed interface Action {

    /**
     * Run spark-submit with this submission ID (label {@code sparkoperator.k8s.io/submission-id} on the pods).
     * The decision's status already holds this ID and {@code lastSubmissionAttemptTime}: persist it FIRST, then
     * submit, then pass the result to {@link StateMachine#afterSubmission}.
     */
    record Submit(String submissionId) implements Action {
        public Submit {
            Objects.requireNonNull(submissionId, "submissionId");
        }
    }

    /**
     * Delete the driver pod, the Spark UI Service and the UI Ingress (and a driver PDB, if the controller made
     * one). {@code driverPodName} is the pod to delete when known (observed pod or {@code status.driverInfo.podName});
     * {@code null} means "the derived driver pod name of the app".
     */
    record DeleteSubmissionResources(String driverPodName) implements Action {
    }

    /**
     * The run ended: delete what held its place with the schedulers (a batch scheduler's PodGroup, the driver
     * PodDisruptionBudget), so no queue keeps its resources and no drain waits for a finished driver.
     */
    record DeleteSchedulingResources(String driverPodName) implements Action {
    }

    /** Delete only the Spark UI Service and Ingress (the app reached a terminal state; the driver pod keeps its logs). */
    record DeleteUiResources() implements Action {
    }

    /**
     * Create or update the Spark UI Service (and Ingress when configured) for the driver, then fill
     * {@code status.driverInfo.webUI*} in the decision's status before writing it.
     */
    record EnsureUiService() implements Action {
    }

    /** Record a Kubernetes Event on the SparkApplication. */
    record RecordEvent(EventType type, String reason, String message) implements Action {
        public RecordEvent {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        public static RecordEvent normal(String reason, String message) {
            return new RecordEvent(EventType.NORMAL, reason, message);
        }

        public static RecordEvent warning(String reason, String message) {
            return new RecordEvent(EventType.WARNING, reason, message);
        }
    }

    /**
     * Reconcile this app again after {@code delay} (a newer event may come first). {@link Duration#ZERO} means
     * "the next step is due now" (the machine moves one state per step so each state is persisted).
     */
    record RequeueAfter(Duration delay) implements Action {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                delay = Duration.ZERO;
            }
        }
    }

    /** The TTL after termination expired: delete the SparkApplication itself (its children go with it). */
    record DeleteApplication() implements Action {
    }
}
