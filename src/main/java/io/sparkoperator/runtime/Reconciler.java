package io.sparkoperator.runtime;

/**
 * One pass over one resource. Implementations read the latest state themselves (from a cache or the API), act,
 * and say when to come back. A thrown exception means "retry with backoff"; the dispatcher guarantees that at most
 * one reconciliation per key runs at a time.
 */
@FunctionalInterface
public interface Reconciler {
    ReconcileResult reconcile(ResourceKey key) throws Exception;
}
