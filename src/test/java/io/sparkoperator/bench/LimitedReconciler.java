package io.sparkoperator.bench;

import io.sparkoperator.controller.ReconcileResult;
import io.sparkoperator.controller.Reconciler;
import io.sparkoperator.controller.ResourceKey;
import java.util.concurrent.Semaphore;

/**
 * The proposed fix, measured: still a virtual thread per reconciliation, but at most {@code limit} of them past this
 * gate at a time. A waiting virtual thread holds almost nothing; a running pass holds its objects, HTTP exchanges and
 * connection, so the gate bounds heap and API concurrency under a burst.
 */
final class LimitedReconciler implements Reconciler {
    private final Reconciler delegate;
    private final Semaphore permits;

    LimitedReconciler(Reconciler delegate, int limit) {
        this.delegate = delegate;
        this.permits = new Semaphore(limit);
    }

    @Override
    public ReconcileResult reconcile(ResourceKey key) throws Exception {
        permits.acquire();
        try {
            return delegate.reconcile(key);
        } finally {
            permits.release();
        }
    }
}
