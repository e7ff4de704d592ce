package io.sparkoperator.state;

import io.sparkoperator.api.AppState;

/** A step tried to move an application between two states the v1beta2 lifecycle does not connect. */
public final class IllegalTransitionException extends IllegalStateException {
    private final AppState from;
    private final AppState to;

    public IllegalTransitionException(AppState from, AppState to) {
        super("illegal SparkApplication state transition " + quoted(from) + " -> " + quoted(to));
        this.from = from;
        this.to = to;
    }

    public AppState from() {
        return from;
    }

    public AppState to() {
        return to;
    }

    private static String quoted(AppState state) {
        return "\"" + state.text() + "\"";
    }
}
