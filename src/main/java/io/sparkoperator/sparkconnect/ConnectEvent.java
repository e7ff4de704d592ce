package io.sparkoperator.sparkconnect;

/** A core/v1 Event about a SparkConnect, as decided by {@link ConnectDecider}. */
record ConnectEvent(boolean warning, String reason, String message) {
    static final String SERVER_CREATED = "SparkConnectServerCreated";
    static final String READY = "SparkConnectReady";
    static final String NOT_READY = "SparkConnectNotReady";
    static final String SPEC_CHANGED = "SparkConnectServerSpecChanged";
    static final String RESTARTING = "SparkConnectServerRestarting";
    static final String RESTARTED = "SparkConnectServerRestarted";
    static final String FAILED = "SparkConnectFailed";
    static final String COMPLETED = "SparkConnectCompleted";
    static final String INVALID = "SparkConnectInvalid";

    static ConnectEvent normal(String reason, String message) {
        return new ConnectEvent(false, reason, message);
    }

    static ConnectEvent warning(String reason, String message) {
        return new ConnectEvent(true, reason, message);
    }
}
