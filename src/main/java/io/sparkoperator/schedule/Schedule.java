package io.sparkoperator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A parsed schedule: when is the next run strictly after a given instant. */
public sealed interface Schedule permits CronSchedule, EverySchedule {

    /** The first firing instant strictly after {@code after}; empty when the schedule never fires again. */
    Optional<Instant> next(Instant after);

    /**
     * Whether {@code instant} is one of this schedule's firing instants, so a stored "next run" computed by an older
     * version of the schedule can be recognised as stale.
     */
    default boolean firesAt(Instant instant) {
        return next(instant.minus(Duration.ofSeconds(1))).filter(instant::equals).isPresent();
    }
}
