package io.sparkoperator.runtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a {@link Reconciler} for keys as events arrive: one virtual thread per reconciliation, at most one in flight
 * per key and at most {@code maxConcurrent} in all. Events for a key that is being reconciled are coalesced into a
 * single follow-up pass (which reads the latest object). A requeue-after or backoff timer is cancelled by any newer
 * event for the key. Failures back off exponentially; a success resets the count.
 *
 * <p>Why a bound although virtual threads are cheap: each running pass holds its objects, HTTP exchanges and a
 * connection, so a burst of thousands of new apps with no bound filled the heap until requests timed out (measured in
 * BENCHMARKS.md). Keys over the bound wait in a queue, each once; keys woken by {@linkplain #enqueueUrgent pod
 * events} go first, so apps already running keep moving while a burst of new ones is submitted.
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
    private final ArrayDeque<ResourceKey> urgent = new ArrayDeque<>();
    private final ArrayDeque<ResourceKey> waiting = new ArrayDeque<>();
    private final int maxConcurrent;
    private boolean stopped;
    private boolean paused;

    /** Per-key bookkeeping; only touched under {@link #lock}. Dropped when the key is idle with nothing pending. */
    private static final class Slot {
        boolean running;
        boolean pending;
        /** The pending follow-up was asked for urgently: it queues as such. */
        boolean pendingUrgent;
        /** In {@link #waiting} or {@link #urgent} (perhaps both; the second entry is skipped). */
        boolean queued;
        DelayScheduler.Cancellable timer;
        DelayScheduler.Cancellable watchdog;
        Thread worker;
        int failures;
    }

    private final Duration maxPassTime;

    public KeyedDispatcher(String name, Reconciler reconciler, Backoff backoff, DelayScheduler timers,
            ReconcileObserver observer) {
        this(name, reconciler, backoff, timers, observer, null, Integer.MAX_VALUE);
    }

    /**
     * @param maxPassTime a pass still running after this long is interrupted (it then fails and backs off), so a call
     *        that hangs despite its timeout (e.g. a response body that never ends) cannot block its key forever;
     *        {@code null} = no watchdog
     * @param maxConcurrent at most this many passes run at once (different keys); the rest wait their turn
     */
    public KeyedDispatcher(String name, Reconciler reconciler, Backoff backoff, DelayScheduler timers,
            ReconcileObserver observer, Duration maxPassTime, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.name = name;
        this.reconciler = reconciler;
        this.backoff = backoff;
        this.timers = timers;
        this.observer = observer;
        this.maxPassTime = maxPassTime;
    }

    /** Something about {@code key} changed: reconcile it now, or once more after the running pass. */
    public void enqueue(ResourceKey key) {
        enqueue(key, waiting);
    }

    /**
     * Like {@link #enqueue}, but when passes have to wait for the bound, this key goes before keys queued by
     * {@link #enqueue} (used for pod events: they concern apps that already run).
     */
    public void enqueueUrgent(ResourceKey key) {
        enqueue(key, urgent);
    }

    private void enqueue(ResourceKey key, ArrayDeque<ResourceKey> queue) {
        locked(() -> {
            if (!stopped) {
                Slot slot = slots.computeIfAbsent(key, k -> new Slot());
                cancelTimer(slot);
                runOrDefer(key, slot, queue);
            }
        });
    }

    /**
     * Runs the key now, or once after its running pass (or after resume), or when a pass ends and it is its turn.
     * Call under the lock.
     */
    private void runOrDefer(ResourceKey key, Slot slot, ArrayDeque<ResourceKey> queue) {
        if (slot.running || paused) {
            slot.pending = true;
            slot.pendingUrgent |= queue == urgent;
            return;
        }
        // Everything goes through the queues, so a key that just ran does not overtake keys waiting their turn.
        if (!slot.queued || queue == urgent) {
            queue.add(key);
        }
        slot.queued = true;
        startWaiting();
    }

    private void runPending(ResourceKey key, Slot slot) {
        ArrayDeque<ResourceKey> queue = slot.pendingUrgent ? urgent : waiting;
        slot.pending = false;
        slot.pendingUrgent = false;
        runOrDefer(key, slot, queue);
    }

    /** Starts queued keys while there is room, urgent ones first. Call under the lock. */
    private void startWaiting() {
        while (!paused && !stopped && workers.size() < maxConcurrent && !(urgent.isEmpty() && waiting.isEmpty())) {
            ResourceKey key = urgent.isEmpty() ? waiting.poll() : urgent.poll();
            Slot slot = slots.get(key);
            if (slot != null && slot.queued && !slot.running) {
                start(key, slot);
            }
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
                startWaiting();
                slots.forEach((key, slot) -> {
                    if (slot.pending && !slot.running) {
                        runPending(key, slot);
                    }
                });
            }
        });
    }

    private void start(ResourceKey key, Slot slot) {
        slot.running = true;
        slot.pending = false;
        slot.pendingUrgent = false;
        slot.queued = false;
        Thread worker = Thread.ofVirtual().name(name + ":" + key).unstarted(() -> runOnce(key));
        workers.add(worker);
        slot.worker = worker;
        if (maxPassTime != null) {
            slot.watchdog = timers.schedule(maxPassTime, () -> overran(key, worker));
        }
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
        try {
            observer.finished(key, took, result, failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " " + key + ": reconcile observer failed", e);
        } finally {
            finish(key, result, failure); // always: a slot left running would hold its key and a place for good
        }
    }

    private void overran(ResourceKey key, Thread worker) {
        locked(() -> {
            Slot slot = slots.get(key);
            if (slot != null && slot.running && slot.worker == worker) {
                LOG.log(Level.WARNING, () -> name + " " + key + ": pass still running after "
                        + maxPassTime.toSeconds() + " s; interrupting it");
                worker.interrupt();
            }
        });
    }

    private void finish(ResourceKey key, ReconcileResult result, Exception failure) {
        lock.lock();
        try {
            workers.remove(Thread.currentThread());
            Slot slot = slots.get(key);
            slot.running = false;
            slot.worker = null;
            if (slot.watchdog != null) {
                slot.watchdog.cancel();
                slot.watchdog = null;
            }
            if (failure != null) {
                slot.failures++;
            } else {
                slot.failures = 0;
            }
            if (stopped) {
                slots.remove(key);
            } else if (slot.pending) {
                runPending(key, slot);
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
            startWaiting();
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
                runOrDefer(key, slot, waiting);
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
            urgent.clear();
            waiting.clear();
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

    /** Keys with a reconciliation running, pending, waiting or timed. */
    public int trackedKeys() {
        return locked(slots::size);
    }

    /**
     * Keys due now that wait for a free worker (or for {@link #resume()}): controller-runtime's work queue depth.
     * Keys whose pass runs, and keys waiting on a requeue or backoff timer, are not counted.
     */
    public int queuedKeys() {
        return locked(() -> (int) slots.values().stream().filter(s -> !s.running && (s.queued || s.pending)).count());
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
