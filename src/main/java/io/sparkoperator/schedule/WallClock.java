package io.sparkoperator.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/** How a wall-clock time that a schedule names becomes one instant, whatever daylight saving does to that time. */
final class WallClock {
    private WallClock() {
    }

    /**
     * The instant of {@code local} in {@code zone}: in a spring-forward gap (the time does not exist) the instant the
     * clocks jump, i.e. the first valid instant after it; in a fall-back overlap (the time exists twice) the first
     * occurrence. This mapping never decreases as {@code local} increases, which {@link CronSchedule#next} relies on.
     */
    static Instant firstInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant first = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (candidate.isBefore(first)) {
                first = candidate;
            }
        }
        return first;
    }
}
