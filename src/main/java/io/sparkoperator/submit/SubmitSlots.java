package io.sparkoperator.submit;

import io.sparkoperator.api.DurationText;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bound on submissions running at once ({@code --spark-submit-concurrency}), for the cold runner and the worker
 * pool alike: a fair semaphore, and the words for a submission that got no slot in time.
 */
final class SubmitSlots {
    /** What runs while a slot is held, with the time left of the submission's own. */
    interface Holder {
        ProcessRun run(long startNanos, Duration timeout);
    }

    private final Semaphore slots;
    private final int max;

    SubmitSlots(int max) {
        this.slots = new Semaphore(max, true);
        this.max = max;
    }

    /** Runs {@code holder} holding a slot, or says that none came free within {@code timeout}. */
    ProcessRun run(Duration timeout, Holder holder) {
        long start = System.nanoTime();
        try {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return new ProcessRun.Killed(timeout, "no spark-submit slot became free within "
                        + DurationText.of(timeout) + " (" + max + " run at a time)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessRun.Killed(timeout, "interrupted while waiting for a spark-submit slot");
        }
        try {
            return holder.run(start, timeout);
        } finally {
            slots.release();
        }
    }

    /** Takes a slot for work that is not a submission (a worker started ahead); false when none came in time. */
    boolean acquire(Duration timeout) throws InterruptedException {
        return slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void release() {
        slots.release();
    }
}
