package io.sparkoperator.runtime;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one reconciliation: done, or come back after a delay (a newer event for the key cancels it). */
public record ReconcileResult(Optional<Duration> requeueAfter) {
    private static final ReconcileResult DONE = new ReconcileResult(Optional.empty());

    public static ReconcileResult done() {
        return DONE;
    }

    public static ReconcileResult requeueAfter(Duration delay) {
        return new ReconcileResult(Optional.of(delay.isNegative() ? Duration.ZERO : delay));
    }
}
