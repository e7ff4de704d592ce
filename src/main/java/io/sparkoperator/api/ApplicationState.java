package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code status.applicationState}: the state string and, for failures, a message a user can act on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApplicationState(AppState state, String errorMessage) {
    public static ApplicationState of(AppState state) {
        return new ApplicationState(state, null);
    }
}
