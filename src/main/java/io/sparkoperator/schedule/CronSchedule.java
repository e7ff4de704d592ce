package io.sparkoperator.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A 5-field cron schedule evaluated on the wall clock of {@code zone}. Matching wall times are found on the local
 * calendar (no zone involved) and then mapped to instants by {@link WallClock#firstInstant}, so daylight-saving
 * changes neither skip nor repeat a run. The parser guarantees the expression matches some date; the search is
 * bounded anyway (one 400-year Gregorian cycle).
 */
public record CronSchedule(CronField minutes, CronField hours, CronField daysOfMonth, CronField months,
                           CronField daysOfWeek, ZoneId zone) implements Schedule {
    private static final int SEARCH_YEARS = 401;
    private static final int MAX_CANDIDATES = 100_000;

    @Override
    public Optional<Instant> next(Instant after) {
        LocalDateTime afterLocal = LocalDateTime.ofInstant(after, zone);
        LocalDateTime candidate = afterLocal.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        // Wall times at or before afterLocal always map to instants <= after; later wall times inside a fall-back
        // overlap that `after` is already in the second pass of map back before it, hence the loop.
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Optional<LocalDateTime> match = nextMatch(candidate);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            Instant instant = WallClock.firstInstant(match.get(), zone);
            if (instant.isAfter(after)) {
                return Optional.of(instant);
            }
            candidate = match.get().plusMinutes(1);
        }
        return Optional.empty();
    }

    /** The earliest matching wall time at or after {@code from} (a whole minute), within the search bound. */
    Optional<LocalDateTime> nextMatch(LocalDateTime from) {
        int lastYear = from.getYear() + SEARCH_YEARS;
        LocalDate date = from.toLocalDate();
        int hour = from.getHour();
        int minute = from.getMinute();
        while (date.getYear() <= lastYear) {
            if (!months.contains(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                hour = 0;
                minute = 0;
                continue;
            }
            if (dayMatches(date)) {
                for (int h = hours.nextFrom(hour); h >= 0 && h <= 23; h = hours.nextFrom(h + 1)) {
                    int m = minutes.nextFrom(h == hour ? minute : 0);
                    if (m >= 0 && m <= 59) {
                        return Optional.of(date.atTime(h, m));
                    }
                }
            }
            date = date.plusDays(1);
            hour = 0;
            minute = 0;
        }
        return Optional.empty();
    }

    /** Day-of-month and day-of-week are ORed when both are restricted, ANDed when either is a star. */
    boolean dayMatches(LocalDate date) {
        boolean domMatch = daysOfMonth.contains(date.getDayOfMonth());
        boolean dowMatch = daysOfWeek.contains(date.getDayOfWeek().getValue() % 7);
        return daysOfMonth.star() || daysOfWeek.star() ? domMatch && dowMatch : domMatch || dowMatch;
    }

    /** Whether some calendar date matches: false for e.g. {@code 0 0 30 2 *} (February 30th). */
    boolean matchesSomeDate() {
        if (!daysOfMonth.star() && !daysOfWeek.star()) {
            return true; // ORed: every month has every weekday
        }
        for (Month month : Month.values()) {
            if (months.contains(month.getValue())
                    && daysOfMonth.nextFrom(1) >= 1 && daysOfMonth.nextFrom(1) <= month.maxLength()) {
                return true; // every valid (month, day) falls on every weekday in some year
            }
        }
        return false;
    }
}
