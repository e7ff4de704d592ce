package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code ScheduledSparkApplication.status.scheduleState}. */
public enum ScheduleState {
    @JsonProperty("") NEW,
    @JsonProperty("Validating") VALIDATING,
    @JsonProperty("Scheduled") SCHEDULED,
    @JsonProperty("FailedValidation") FAILED_VALIDATION
}
