package io.sparkoperator.controller;

import java.time.Duration;

/** Told about every finished reconciliation (for metrics); {@code failure} is null on success. Must not block. */
@FunctionalInterface
public interface ReconcileObserver {
    void finished(ResourceKey key, Duration took, Exception failure);

    static ReconcileObserver none() {
        return (key, took, failure) -> { };
    }
}
