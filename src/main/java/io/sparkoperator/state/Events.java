package io.sparkoperator.state;

import io.sparkoperator.api.EventReasons;
import io.sparkoperator.state.Action.RecordEvent;

/** The Events the state machine records, with the Go operator's reason strings and similar messages. */
final class Events {
    private Events() {
    }

    static RecordEvent added(String app) {
        return RecordEvent.normal(EventReasons.APP_ADDED,
                "SparkApplication " + app + " was added, enqueuing it for submission");
    }

    static RecordEvent submitted(String app, String driverPod, boolean adopted) {
        return RecordEvent.normal(EventReasons.APP_SUBMITTED, "SparkApplication " + app
                + (adopted ? " was already submitted, adopted driver pod " + driverPod
                           : " was submitted successfully, driver pod " + driverPod));
    }

    static RecordEvent submissionFailed(String app, String message) {
        return RecordEvent.warning(EventReasons.APP_SUBMISSION_FAILED,
                "failed to submit SparkApplication " + app + ": " + message);
    }

    static RecordEvent completed(String app) {
        return RecordEvent.normal(EventReasons.APP_COMPLETED, "SparkApplication " + app + " completed");
    }

    static RecordEvent failed(String app, String message) {
        return RecordEvent.warning(EventReasons.APP_FAILED,
                "SparkApplication " + app + " failed" + (message == null ? "" : ": " + message));
    }

    static RecordEvent pendingRerun(String app) {
        return RecordEvent.normal(EventReasons.APP_PENDING_RERUN, "SparkApplication " + app + " is pending rerun");
    }

    static RecordEvent suspending(String app) {
        return RecordEvent.normal(EventReasons.APP_SUSPENDING, "SparkApplication " + app + " is suspending");
    }

    static RecordEvent suspended(String app) {
        return RecordEvent.normal(EventReasons.APP_SUSPENDED, "SparkApplication " + app + " is suspended");
    }

    static RecordEvent resuming(String app) {
        return RecordEvent.normal(EventReasons.APP_RESUMING, "SparkApplication " + app + " is resuming");
    }

    static RecordEvent driverNotFound(String app, String driverPod) {
        return RecordEvent.warning(EventReasons.DRIVER_NOT_FOUND, "Driver pod "
                + (driverPod == null ? "" : driverPod + " ") + "of SparkApplication " + app + " not found");
    }

    static RecordEvent driver(DriverState state, String driverPod) {
        return driver(state, driverPod, null);
    }

    /** As the Go operator says it, with {@code cause} (the pod's own reason, or what holds it up) after a colon. */
    static RecordEvent driver(DriverState state, String driverPod, String cause) {
        String why = cause == null ? "" : ": " + cause;
        return switch (state) {
            case PENDING -> cause == null ? RecordEvent.normal(EventReasons.DRIVER_PENDING, "Driver " + driverPod
                    + " is pending") : RecordEvent.warning(EventReasons.DRIVER_PENDING, "Driver " + driverPod
                    + " is pending" + why);
            case RUNNING -> cause == null ? RecordEvent.normal(EventReasons.DRIVER_RUNNING, "Driver " + driverPod
                    + " is running") : RecordEvent.warning(EventReasons.DRIVER_RUNNING, "Driver " + driverPod
                    + " is running" + why);
            case COMPLETED -> RecordEvent.normal(EventReasons.DRIVER_COMPLETED, "Driver " + driverPod + " completed");
            case FAILED -> RecordEvent.warning(EventReasons.DRIVER_FAILED, "Driver " + driverPod + " failed" + why);
            case UNKNOWN -> RecordEvent.warning(EventReasons.DRIVER_UNKNOWN,
                    "Driver " + driverPod + " is in an unknown state" + why);
        };
    }
}
