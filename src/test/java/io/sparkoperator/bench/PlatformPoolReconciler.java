package io.sparkoperator.bench;

import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ResourceKey;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference point: reconciliations run on a fixed pool of platform threads (the Go operator's
 * {@code --controller-threads}, default 10). The controller's dispatcher has no executor seam, so the pool wraps the
 * reconciler: the dispatcher's virtual thread only waits for a pool thread, which does the whole pass.
 */
final class PlatformPoolReconciler implements Reconciler, AutoCloseable {
    private final Reconciler delegate;
    private final ExecutorService pool;

    PlatformPoolReconciler(Reconciler delegate, int threads) {
        this.delegate = delegate;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("reconcile-", 0).factory());
    }

    @Override
    public ReconcileResult reconcile(ResourceKey key) throws Exception {
        try {
            return pool.submit(() -> delegate.reconcile(key)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
