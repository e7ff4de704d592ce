package io.sparkoperator.runtime;

import java.time.Duration;

/**
 * Told about every finished reconciliation (the metrics seam): its {@code result}, or the {@code failure} that ends
 * it (then {@code result} is null). Must not block.
 */
@FunctionalInterface
public interface ReconcileObserver {
    void finished(ResourceKey key, Duration took, ReconcileResult result, Exception failure);

    static ReconcileObserver none() {
        return (key, took, result, failure) -> { };
    }
}
