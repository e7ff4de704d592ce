package io.sparkoperator.testing;

import io.sparkoperator.runtime.DelayScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link DelayScheduler} whose timers fire only when a test says so. */
public final class ManualScheduler implements DelayScheduler {
    public record Timer(Duration delay, Runnable task, boolean[] cancelled) {
        public boolean isCancelled() {
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

    public synchronized List<Timer> all() {
        return List.copyOf(timers);
    }

    public synchronized List<Timer> live() {
        return timers.stream().filter(t -> !t.isCancelled()).toList();
    }

    /** Fires a timer even if cancelled, as a late-running real timer could. */
    public void fire(Timer timer) {
        timer.task().run();
    }

    @Override
    public void close() {
    }
}
