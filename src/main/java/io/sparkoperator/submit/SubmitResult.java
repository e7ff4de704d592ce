package io.sparkoperator.submit;

import java.time.Duration;
import java.util.List;

/** What one submission attempt came to. The controller switches over it exhaustively. */
public sealed interface SubmitResult {

    /**
     * spark-submit exited 0: the driver pod exists.
     *
     * @param warnings what the spec asked for that could not be applied (emit each as a Warning Event)
     * @param sparkApplicationId the application ID spark-submit said it deployed, or {@code null} when its output
     *        did not say (the driver pod's label tells later)
     */
    record Submitted(String driverPodName, Duration took, List<String> warnings, String sparkApplicationId)
            implements SubmitResult {
        public Submitted {
            warnings = List.copyOf(warnings);
        }

        public Submitted(String driverPodName, Duration took, List<String> warnings) {
            this(driverPodName, took, warnings, null);
        }
    }

    /**
     * The driver pod name was already taken (HTTP 409 "already exists"): typically this very submission succeeded
     * before an operator restart. The controller checks the pod's submission-id label to tell.
     */
    record DriverAlreadyExists(String driverPodName, String message) implements SubmitResult {
    }

    /** spark-submit (or the wait for a free slot) outlasted the timeout; the process tree was killed. */
    record TimedOut(Duration timeout, String message) implements SubmitResult {
    }

    /** spark-submit failed; {@code errorLines} are the stderr lines that say why, without log noise. */
    record Failed(int exitCode, List<String> errorLines) implements SubmitResult {
        public Failed {
            errorLines = List.copyOf(errorLines);
        }

        /** A one-paragraph message for status and Events. */
        public String message() {
            String lines = String.join(" | ", errorLines);
            return "spark-submit exited with code " + exitCode + (lines.isEmpty() ? "" : ": " + lines);
        }
    }

    /**
     * spark-submit failed because the API server was unavailable (refused, timed out, 5xx, 429): worth retrying,
     * not the spec's fault. {@code cause} is the line that says so.
     */
    record ApiServerUnavailable(int exitCode, String cause, List<String> errorLines) implements SubmitResult {
        public ApiServerUnavailable {
            errorLines = List.copyOf(errorLines);
        }
    }

    /** The spec was rejected before anything ran. */
    record Invalid(String message) implements SubmitResult {
    }
}
