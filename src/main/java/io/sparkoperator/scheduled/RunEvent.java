package io.sparkoperator.scheduled;

/** A Kubernetes Event to record on the ScheduledSparkApplication. {@code warning} selects type Warning over Normal. */
public record RunEvent(boolean warning, String reason, String message) {
    public static final String FAILED_VALIDATION = "ScheduledSparkApplicationFailedValidation";
    public static final String RUN_STARTED = "ScheduledSparkApplicationRunStarted";
    public static final String RUN_SKIPPED = "ScheduledSparkApplicationRunSkipped";
    public static final String RUN_REPLACED = "ScheduledSparkApplicationRunReplaced";
}
