package io.sparkoperator.controller;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a {@link Reconciler} for keys as events arrive: one virtual thread per reconciliation, at most one in flight
 * per key. Events for a key that is being reconciled are coalesced into a single follow-up pass (which reads the
 * latest object). A requeue-after or backoff timer is cancelled by any newer event for the key. Failures back off
 * exponentially; a success resets the count. There is no worker-count knob: virtual threads are cheap and the only
 * scarce resource, spark-submit, is bounded by the submitter.
 */
public final class KeyedDispatcher {
    private static final System.Logger LOG = System.getLogger(KeyedDispatcher.class.getName());

    private final String name;
    private final Reconciler reconciler;
    private final Backoff backoff;
    private final DelayScheduler timers;
    private final ReconcileObserver observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allIdle = lock.newCondition();
    private final Map<ResourceKey, Slot> slots = new HashMap<>();
    private final Set<Thread> workers = new HashSet<>();
    private boolean stopped;
    private boolean paused;

    /** Per-key bookkeeping; only touched under {@link #lock}. Dropped when the key is idle with nothing pending. */
    private static final class Slot {
        boolean running;
        boolean pending;
        DelayScheduler.Cancellable timer;
        int failures;
    }

    public KeyedDispatcher(String name, Reconciler reconciler, Backoff backoff, DelayScheduler timers,
            ReconcileObserver observer) {
        this.name = name;
        this.reconciler = reconciler;
        this.backoff = backoff;
        this.timers = timers;
        this.observer = observer;
    }

    /** Something about {@code key} changed: reconcile it now, or once more after the running pass. */
    public void enqueue(ResourceKey key) {
        locked(() -> {
            if (!stopped) {
                Slot slot = slots.computeIfAbsent(key, k -> new Slot());
                cancelTimer(slot);
                runOrDefer(key, slot);
            }
        });
    }

    /** Runs the key now, or once after the running pass (or after resume). Call under the lock. */
    private void runOrDefer(ResourceKey key, Slot slot) {
        if (slot.running || paused) {
            slot.pending = true;
        } else {
            start(key, slot);
        }
    }

    /**
     * Holds new work back (queued keys are kept, each once) until {@link #resume()}: the runtime pauses while the
     * informer caches fill, since reconciling against a half-listed cache would guess.
     */
    public void pause() {
        locked(() -> {
            paused = true;
        });
    }

    /** Starts every key queued while paused. */
    public void resume() {
        locked(() -> {
            paused = false;
            if (!stopped) {
                slots.forEach((key, slot) -> {
                    if (slot.pending && !slot.running) {
                        start(key, slot);
                    }
                });
            }
        });
    }

    private void start(ResourceKey key, Slot slot) {
        slot.running = true;
        slot.pending = false;
        Thread worker = Thread.ofVirtual().name(name + ":" + key).unstarted(() -> runOnce(key));
        workers.add(worker);
        worker.start();
    }

    private void runOnce(ResourceKey key) {
        long started = System.nanoTime();
        ReconcileResult result = null;
        Exception failure = null;
        try {
            result = reconciler.reconcile(key);
        } catch (Exception e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException(e);
            LOG.log(Level.ERROR, name + " " + key + ": reconcile crashed", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        observer.finished(key, took, result, failure);
        finish(key, result, failure);
    }

    private void finish(ResourceKey key, ReconcileResult result, Exception failure) {
        lock.lock();
        try {
            workers.remove(Thread.currentThread());
            Slot slot = slots.get(key);
            slot.running = false;
            if (failure != null) {
                slot.failures++;
            } else {
                slot.failures = 0;
            }
            if (stopped) {
                slots.remove(key);
            } else if (slot.pending) {
                slot.pending = false;
                runOrDefer(key, slot);
            } else if (failure != null) {
                Duration delay = backoff.delay(slot.failures);
                LOG.log(Level.WARNING, () -> name + " " + key + ": reconcile failed (" + describe(failure)
                        + "), retry #" + slot.failures + " in " + delay.toMillis() + " ms");
                LOG.log(Level.DEBUG, name + " " + key + ": failure detail", failure);
                schedule(key, slot, delay);
            } else if (result.requeueAfter().isPresent()) {
                schedule(key, slot, result.requeueAfter().get());
            } else {
                slots.remove(key);
            }
            if (workers.isEmpty()) {
                allIdle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void schedule(ResourceKey key, Slot slot, Duration delay) {
        DelayScheduler.Cancellable[] self = new DelayScheduler.Cancellable[1];
        self[0] = timers.schedule(delay, () -> timerFired(key, self[0]));
        slot.timer = self[0];
    }

    private void timerFired(ResourceKey key, DelayScheduler.Cancellable timer) {
        locked(() -> {
            Slot slot = slots.get(key);
            // A newer event replaced or cancelled this timer; the identity check makes a late firing harmless.
            if (!stopped && slot != null && slot.timer == timer) {
                slot.timer = null;
                runOrDefer(key, slot);
            }
        });
    }

    private static void cancelTimer(Slot slot) {
        if (slot.timer != null) {
            slot.timer.cancel();
            slot.timer = null;
        }
    }

    /**
     * Stops taking work and cancels timers, then waits up to {@code bound} for running reconciliations. With
     * {@code interrupt} they are interrupted first (used when leadership is lost: stop at once).
     *
     * @return true if nothing is running any more
     */
    public boolean stop(Duration bound, boolean interrupt) {
        lock.lock();
        try {
            stopped = true;
            slots.values().forEach(KeyedDispatcher::cancelTimer);
            slots.values().removeIf(slot -> !slot.running);
            if (interrupt) {
                workers.forEach(Thread::interrupt);
            }
            return awaitIdleLocked(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return workers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Reconciliations running right now. */
    public int inFlight() {
        return locked(workers::size);
    }

    /** Keys with a reconciliation running, pending or timed. */
    public int trackedKeys() {
        return locked(slots::size);
    }

    /** Waits until no reconciliation runs (tests and shutdown). */
    public boolean awaitIdle(Duration bound) throws InterruptedException {
        lock.lock();
        try {
            return awaitIdleLocked(bound);
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitIdleLocked(Duration bound) throws InterruptedException {
        long left = bound.toNanos();
        while (!workers.isEmpty() && left > 0) {
            left = allIdle.awaitNanos(left);
        }
        return workers.isEmpty();
    }

    private void locked(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
