package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.dynamicAllocation}; {@code shuffleTrackingEnabled} defaults to true when enabled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DynamicAllocation(Boolean enabled, Integer initialExecutors, Integer minExecutors, Integer maxExecutors,
        Boolean shuffleTrackingEnabled, Long shuffleTrackingTimeout) {
}
