package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code SparkConnect.spec.restartPolicy}: when the operator replaces an ended server pod. Absent type means
 * {@code OnFailure}, and {@code OnFailure} without {@code onFailureRetries} allows no restart (as in the Go
 * operator); {@code onFailureRetryInterval} is in seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectRestartPolicy(RestartPolicyType restartPolicyType, Integer onFailureRetries,
        Long onFailureRetryInterval) {
}
