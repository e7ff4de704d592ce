package io.sparkoperator.runtime;

import java.time.Duration;

/** Exponential backoff after failed reconciliations: {@code initial * 2^(failures-1)}, never more than {@code max}. */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofMinutes(5));
    }

    /** The wait after the {@code failures}-th failure in a row (1 = first failure). */
    public Duration delay(int failures) {
        int shift = Math.max(0, Math.min(failures - 1, 40));
        Duration delay = initial.multipliedBy(1L << Math.min(shift, 30));
        return shift >= 30 || delay.compareTo(max) > 0 ? max : delay;
    }
}
