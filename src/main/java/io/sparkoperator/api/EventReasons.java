package io.sparkoperator.api;

/** Kubernetes Event reasons, exactly the strings of the Go operator. */
public final class EventReasons {
    public static final String APP_ADDED = "SparkApplicationAdded";
    public static final String APP_SUBMITTED = "SparkApplicationSubmitted";
    public static final String APP_SUBMISSION_FAILED = "SparkApplicationSubmissionFailed";
    public static final String APP_COMPLETED = "SparkApplicationCompleted";
    public static final String APP_FAILED = "SparkApplicationFailed";
    public static final String APP_PENDING_RERUN = "SparkApplicationPendingRerun";
    public static final String APP_SUSPENDING = "SparkApplicationSuspending";
    public static final String APP_SUSPENDED = "SparkApplicationSuspended";
    public static final String APP_RESUMING = "SparkApplicationResuming";
    public static final String APP_SPEC_UPDATE_FAILED = "SparkApplicationSpecUpdateFailed";
    public static final String APP_WEBHOOK_FIELDS_UPDATED = "SparkApplicationWebhookFieldsUpdated";
    public static final String DRIVER_NOT_FOUND = "SparkDriverNotFound";
    public static final String DRIVER_PENDING = "SparkDriverPending";
    public static final String DRIVER_RUNNING = "SparkDriverRunning";
    public static final String DRIVER_COMPLETED = "SparkDriverCompleted";
    public static final String DRIVER_FAILED = "SparkDriverFailed";
    public static final String DRIVER_UNKNOWN = "SparkDriverUnknown";
    public static final String EXECUTOR_PENDING = "SparkExecutorPending";
    public static final String EXECUTOR_RUNNING = "SparkExecutorRunning";
    public static final String EXECUTOR_COMPLETED = "SparkExecutorCompleted";
    public static final String EXECUTOR_FAILED = "SparkExecutorFailed";
    public static final String EXECUTOR_UNKNOWN = "SparkExecutorUnknown";

    private EventReasons() {
    }
}
