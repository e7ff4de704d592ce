package io.sparkoperator.testing;

import io.sparkoperator.runtime.DelayScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time running {@code factor} times faster than real time, for the state machine's clock and the dispatcher's
 * timers alike, so retry intervals and TTLs written in seconds pass in milliseconds while staying consistent.
 */
public final class WarpTime extends Clock {
    private final long factor;
    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();

    public WarpTime(long factor) {
        this.factor = factor;
    }

    @Override
    public Instant instant() {
        return start.plusNanos((System.nanoTime() - startNanos) * factor);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    public DelayScheduler scheduler(String name) {
        DelayScheduler real = DelayScheduler.system(name);
        return new DelayScheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return real.schedule(delay.dividedBy(factor), task);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
