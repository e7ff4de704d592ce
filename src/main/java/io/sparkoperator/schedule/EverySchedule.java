package io.sparkoperator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code @every <duration>}: the next run is one period after the given instant, on a whole second (robfig/cron's
 * {@code ConstantDelaySchedule}). The period is whole seconds, at least one.
 */
public record EverySchedule(Duration period) implements Schedule {

    public EverySchedule {
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.getNano() != 0) {
            throw new IllegalArgumentException("period must be whole seconds, at least 1s: " + period);
        }
    }

    /** As robfig/cron's {@code Every}: below one second rounds up to one second, fractions of a second are dropped. */
    public static EverySchedule of(Duration requested) {
        Duration whole = requested.truncatedTo(ChronoUnit.SECONDS);
        return new EverySchedule(whole.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : whole);
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(period));
    }

    /** Any whole second can be a tick of a relative schedule. */
    @Override
    public boolean firesAt(Instant instant) {
        return instant.getNano() == 0;
    }
}
