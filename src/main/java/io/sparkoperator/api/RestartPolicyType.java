package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code spec.restartPolicy.type}. */
public enum RestartPolicyType {
    @JsonProperty("Never") NEVER,
    @JsonProperty("OnFailure") ON_FAILURE,
    @JsonProperty("Always") ALWAYS
}
