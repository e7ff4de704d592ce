package io.sparkoperator.state;

import io.sparkoperator.api.AppState;

/** The driver's state derived from its pod (reference 4.1); internal, never persisted. */
public enum DriverState {
    PENDING(AppState.SUBMITTED),
    RUNNING(AppState.RUNNING),
    COMPLETED(AppState.SUCCEEDING),
    FAILED(AppState.FAILING),
    UNKNOWN(AppState.UNKNOWN);

    private final AppState appState;

    DriverState(AppState appState) {
        this.appState = appState;
    }

    /** The app state a driver in this state puts the application in. */
    public AppState appState() {
        return appState;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
