package io.sparkoperator.api;

/** Values of the {@code status.executorState} map. */
public enum ExecutorState {
    PENDING, RUNNING, COMPLETED, FAILED, UNKNOWN;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
