package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The persisted {@code status.applicationState.state} strings, exactly as v1beta2 users see them. */
public enum AppState {
    @JsonProperty("") NEW(""),
    @JsonProperty("SUBMITTED") SUBMITTED("SUBMITTED"),
    @JsonProperty("RUNNING") RUNNING("RUNNING"),
    @JsonProperty("SUCCEEDING") SUCCEEDING("SUCCEEDING"),
    @JsonProperty("COMPLETED") COMPLETED("COMPLETED"),
    @JsonProperty("FAILING") FAILING("FAILING"),
    @JsonProperty("FAILED") FAILED("FAILED"),
    @JsonProperty("SUBMISSION_FAILED") SUBMISSION_FAILED("SUBMISSION_FAILED"),
    @JsonProperty("PENDING_RERUN") PENDING_RERUN("PENDING_RERUN"),
    @JsonProperty("INVALIDATING") INVALIDATING("INVALIDATING"),
    @JsonProperty("SUSPENDING") SUSPENDING("SUSPENDING"),
    @JsonProperty("SUSPENDED") SUSPENDED("SUSPENDED"),
    @JsonProperty("RESUMING") RESUMING("RESUMING"),
    @JsonProperty("UNKNOWN") UNKNOWN("UNKNOWN");

    private final String text;

    AppState(String text) {
        this.text = text;
    }

    /** The exact string stored in status. */
    public String text() {
        return text;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
