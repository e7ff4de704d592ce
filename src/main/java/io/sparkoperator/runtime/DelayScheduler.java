package io.sparkoperator.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Runs a short task after a delay (requeue and backoff timers). An interface so tests can fire timers by hand. */
public interface DelayScheduler extends AutoCloseable {
    Cancellable schedule(Duration delay, Runnable task);

    @Override
    void close();

    /** A scheduled task that has not run yet can be cancelled; cancelling a finished one is harmless. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** One daemon platform thread; tasks must only hand work off (the dispatcher starts a virtual thread). */
    static DelayScheduler system(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(name).daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        return new DelayScheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
