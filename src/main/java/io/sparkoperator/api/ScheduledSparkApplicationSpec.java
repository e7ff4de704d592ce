package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code ScheduledSparkApplication.spec} (as in the Go operator): a cron {@code schedule} in an optional
 * {@code timeZone}, and the {@code template} copied into each run's spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledSparkApplicationSpec(
        String schedule,
        String timeZone,
        SparkApplicationSpec template,
        Boolean suspend,
        ConcurrencyPolicy concurrencyPolicy,
        Integer successfulRunHistoryLimit,
        Integer failedRunHistoryLimit) {
}
