package io.sparkoperator.state;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The application's state as a closed set of immutable records, one per persisted {@link AppState}, each carrying
 * what that state needs. {@link #of} reads it from a status, {@link #applicationState()} gives the persisted
 * {@code status.applicationState} back. The state machine switches over this interface, so the compiler proves
 * every state is handled; which state may follow which is in {@link Transitions}.
 */
public sealed interface Lifecycle {

    /** The persisted state string. */
    AppState appState();

    /** The error message this state persists, if any. */
    default String errorMessage() {
        return null;
    }

    /** The persisted {@code status.applicationState}. */
    default ApplicationState applicationState() {
        return new ApplicationState(appState(), errorMessage());
    }

    /** Reads the state a status records. */
    static Lifecycle of(SparkApplicationStatus status) {
        SparkApplicationStatus s = status == null ? SparkApplicationStatus.initial() : status;
        Optional<SubmissionAttempt> attempt = SubmissionAttempt.of(s);
        String error = s.applicationState() == null ? null : s.applicationState().errorMessage();
        String podName = s.driverInfo() == null ? null : s.driverInfo().podName();
        return switch (s.state()) {
            case NEW -> new New(attempt);
            case SUBMITTED -> new Submitted(attempt, podName);
            case RUNNING -> new Running(attempt, podName);
            case UNKNOWN -> new Unknown(attempt, podName);
            case SUCCEEDING -> new Succeeding(s.terminationTime());
            case FAILING -> new Failing(error, s.terminationTime());
            case COMPLETED -> new Completed(s.terminationTime());
            case FAILED -> new Failed(error, s.terminationTime());
            case SUBMISSION_FAILED -> new SubmissionFailed(error, attempt);
            case PENDING_RERUN -> new PendingRerun(attempt);
            case INVALIDATING -> new Invalidating();
            case SUSPENDING -> new Suspending();
            case SUSPENDED -> new Suspended();
            case RESUMING -> new Resuming(attempt);
        };
    }

    /** {@code ""}: never submitted. {@code pendingSubmission} is set once a submission ID was recorded for it. */
    record New(Optional<SubmissionAttempt> pendingSubmission) implements Lifecycle {
        public AppState appState() {
            return AppState.NEW;
        }
    }

    /** spark-submit succeeded; the driver pod is pending (or not yet visible). */
    record Submitted(Optional<SubmissionAttempt> submission, String driverPodName) implements Lifecycle {
        public AppState appState() {
            return AppState.SUBMITTED;
        }
    }

    /** The driver is running. */
    record Running(Optional<SubmissionAttempt> submission, String driverPodName) implements Lifecycle {
        public AppState appState() {
            return AppState.RUNNING;
        }
    }

    /** The driver pod's phase is not one we know. */
    record Unknown(Optional<SubmissionAttempt> submission, String driverPodName) implements Lifecycle {
        public AppState appState() {
            return AppState.UNKNOWN;
        }
    }

    /** The driver finished successfully; next COMPLETED, or PENDING_RERUN under {@code Always}. */
    record Succeeding(Instant terminationTime) implements Lifecycle {
        public AppState appState() {
            return AppState.SUCCEEDING;
        }
    }

    /** The driver failed or vanished; next a rerun (restart policy) or FAILED. */
    record Failing(String errorMessage, Instant terminationTime) implements Lifecycle {
        public AppState appState() {
            return AppState.FAILING;
        }
    }

    /** Terminal success. */
    record Completed(Instant terminationTime) implements Lifecycle {
        public AppState appState() {
            return AppState.COMPLETED;
        }
    }

    /** Terminal failure. */
    record Failed(String errorMessage, Instant terminationTime) implements Lifecycle {
        public AppState appState() {
            return AppState.FAILED;
        }
    }

    /** The last spark-submit failed; next a resubmission (restart policy) or FAILED. */
    record SubmissionFailed(String errorMessage, Optional<SubmissionAttempt> lastAttempt) implements Lifecycle {
        public AppState appState() {
            return AppState.SUBMISSION_FAILED;
        }
    }

    /**
     * Waiting for the old driver and UI resources to be gone, then resubmitting. {@code pendingSubmission} is set
     * once the new submission ID was recorded (the previous run's ID is cleared on entry).
     */
    record PendingRerun(Optional<SubmissionAttempt> pendingSubmission) implements Lifecycle {
        public AppState appState() {
            return AppState.PENDING_RERUN;
        }
    }

    /** The spec changed: resources get deleted and counters reset. */
    record Invalidating() implements Lifecycle {
        public AppState appState() {
            return AppState.INVALIDATING;
        }
    }

    /** {@code spec.suspend} became true: resources get deleted. */
    record Suspending() implements Lifecycle {
        public AppState appState() {
            return AppState.SUSPENDING;
        }
    }

    /** Suspended; resumes when {@code spec.suspend} is false and resources are gone. */
    record Suspended() implements Lifecycle {
        public AppState appState() {
            return AppState.SUSPENDED;
        }
    }

    /** Resuming: submits again. {@code pendingSubmission} is set once the new submission ID was recorded. */
    record Resuming(Optional<SubmissionAttempt> pendingSubmission) implements Lifecycle {
        public AppState appState() {
            return AppState.RESUMING;
        }
    }
}
