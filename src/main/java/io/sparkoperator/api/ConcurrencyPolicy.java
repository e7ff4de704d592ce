package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code ScheduledSparkApplication.spec.concurrencyPolicy}. Absent behaves as {@link #ALLOW}. */
public enum ConcurrencyPolicy {
    @JsonProperty("Allow") ALLOW,
    @JsonProperty("Forbid") FORBID,
    @JsonProperty("Replace") REPLACE
}
