package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Objects;

/** What running spark-submit for an {@link Action.Submit} produced; input of {@link StateMachine#afterSubmission}. */
public sealed interface SubmissionOutcome {

    /**
     * spark-submit exited 0; the driver pod is {@code driverPodName}, the Spark application ID the one it printed
     * ({@code null} when unknown: the driver pod's label gives it on the next pass).
     */
    record Succeeded(String driverPodName, String sparkApplicationId) implements SubmissionOutcome {
        public Succeeded {
            Objects.requireNonNull(driverPodName, "driverPodName");
        }

        public Succeeded(String driverPodName) {
            this(driverPodName, null);
        }
    }

    /**
     * spark-submit reported that the driver pod already exists (HTTP 409). {@code existingDriverPod} is the pod
     * the controller then read live ({@code null} if it vanished meanwhile). Same submission ID = our own earlier
     * attempt: adopted. Any other ID = a stale driver: deleted, then retried as a submission failure.
     */
    record DriverPodAlreadyExists(Pod existingDriverPod) implements SubmissionOutcome {
    }

    /** spark-submit did not finish within {@code timeout} and was killed. */
    record TimedOut(Duration timeout) implements SubmissionOutcome {
        public TimedOut {
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** spark-submit (or a step before it: UI conf, ConfigMap, scheduler) failed; {@code message} is for users. */
    record Failed(String message) implements SubmissionOutcome {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * spark-submit failed because the API server could not be reached, answered 5xx/429 or timed out: not the
     * spec's fault. {@code cause} is the line that says so; {@code unavailableFor} how long this app's submissions
     * have been failing this way (since the first such failure the operator saw).
     */
    record ApiServerUnavailable(String cause, Duration unavailableFor) implements SubmissionOutcome {
        public ApiServerUnavailable {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(unavailableFor, "unavailableFor");
        }
    }

    /** The spec cannot be turned into a spark-submit command (validation); {@code message} says why. */
    record InvalidSpec(String message) implements SubmissionOutcome {
        public InvalidSpec {
            Objects.requireNonNull(message, "message");
        }
    }
}
