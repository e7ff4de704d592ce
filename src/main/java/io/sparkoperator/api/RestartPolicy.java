package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.restartPolicy}: retry counts (only for OnFailure) and intervals in seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartPolicy(RestartPolicyType type, Integer onSubmissionFailureRetries, Integer onFailureRetries,
        Long onSubmissionFailureRetryInterval, Long onFailureRetryInterval) {
}
