package io.sparkoperator.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link DelayScheduler} whose timers fire only when a test says so. */
final class ManualScheduler implements DelayScheduler {
    record Timer(Duration delay, Runnable task, boolean[] cancelled) {
        boolean isCancelled() {
            return cancelled[0];
        }
    }

    private final List<Timer> timers = new ArrayList<>();

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(delay, task, new boolean[1]);
        timers.add(timer);
        return () -> {
            synchronized (this) {
                timer.cancelled()[0] = true;
            }
        };
    }

    synchronized List<Timer> all() {
        return List.copyOf(timers);
    }

    synchronized List<Timer> live() {
        return timers.stream().filter(t -> !t.isCancelled()).toList();
    }

    /** Fires a timer even if cancelled, as a late-running real timer could. */
    void fire(Timer timer) {
        timer.task().run();
    }

    @Override
    public void close() {
    }
}
