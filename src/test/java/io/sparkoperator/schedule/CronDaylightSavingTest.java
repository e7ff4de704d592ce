package io.sparkoperator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Daylight-saving changes. 2026 dates: New York springs forward on 8 March (02:00 EST -> 03:00 EDT) and falls back on
 * 1 November (02:00 EDT -> 01:00 EST); Berlin springs forward on 29 March (02:00 CET -> 03:00 CEST) and falls back
 * on 25 October (03:00 CEST -> 02:00 CET). Rule: a wall time in a gap runs once, at the instant the clocks jump; a
 * wall time in an overlap runs once, at its first occurrence. (robfig/cron instead skips the gap and repeats the
 * overlap.)
 */
class CronDaylightSavingTest {

    private static List<OffsetDateTime> runs(String schedule, String zone, String from, int count) {
        Schedule parsed = ScheduleParser.parse(schedule, zone, ZoneOffset.UTC);
        List<OffsetDateTime> result = new ArrayList<>();
        Instant t = OffsetDateTime.parse(from).toInstant();
        for (int i = 0; i < count; i++) {
            t = parsed.next(t).orElseThrow();
            result.add(t.atZone(ZoneId.of(zone)).toOffsetDateTime());
        }
        return result;
    }

    private static List<OffsetDateTime> times(String... isoWithOffsets) {
        return java.util.Arrays.stream(isoWithOffsets).map(OffsetDateTime::parse).toList();
    }

    @Test
    void newYorkGapRunsOnceWhenTheClocksJump() {
        assertEquals(times("2026-03-07T02:30-05:00", "2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00"),
                runs("30 2 * * *", "America/New_York", "2026-03-07T00:00-05:00", 3));
    }

    @Test
    void newYorkGapMergesWithTheFirstValidTime() {
        // 02:00 does not exist; it and 03:00 are the same instant, which runs once.
        assertEquals(times("2026-03-08T01:00-05:00", "2026-03-08T03:00-04:00", "2026-03-08T04:00-04:00"),
                runs("0 * * * *", "America/New_York", "2026-03-08T00:30-05:00", 3));
        assertEquals(times("2026-03-08T01:30-05:00", "2026-03-08T03:00-04:00", "2026-03-08T03:30-04:00"),
                runs("*/30 * * * *", "America/New_York", "2026-03-08T01:00-05:00", 3));
    }

    @Test
    void newYorkOverlapRunsOnceAtTheFirstOccurrence() {
        assertEquals(times("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"),
                runs("30 1 * * *", "America/New_York", "2026-11-01T00:00-04:00", 2));
        assertEquals(times("2026-11-01T01:00-04:00", "2026-11-01T02:00-05:00", "2026-11-01T03:00-05:00"),
                runs("0 * * * *", "America/New_York", "2026-11-01T00:30-04:00", 3));
        // Asked from inside the second pass of the repeated hour: its wall times have already run.
        assertEquals(times("2026-11-01T02:00-05:00"),
                runs("*/15 * * * *", "America/New_York", "2026-11-01T01:10-05:00", 1));
    }

    @Test
    void berlinGapAndOverlap() {
        assertEquals(times("2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00"),
                runs("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00+01:00", 3));
        assertEquals(times("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"),
                runs("30 2 * * *", "Europe/Berlin", "2026-10-25T00:00+02:00", 2));
        assertEquals(times("2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00"),
                runs("0 * * * *", "Europe/Berlin", "2026-10-25T01:30+02:00", 2));
    }

    @Test
    void everyWallTimeOfATransitionDayRunsExactlyOnce() {
        assertDayRuns("America/New_York", "2026-03-08", 288 - 12); // 02:00..02:55 all run at 03:00, with it
        assertDayRuns("America/New_York", "2026-11-01", 288);
        assertDayRuns("Europe/Berlin", "2026-03-29", 288 - 12);
        assertDayRuns("Europe/Berlin", "2026-10-25", 288);
    }

    private static void assertDayRuns(String zone, String day, int expectedRuns) {
        ZoneId zoneId = ZoneId.of(zone);
        Schedule schedule = ScheduleParser.parse("*/5 * * * *", zone, ZoneOffset.UTC);
        Instant start = LocalDateTime.parse(day + "T00:00").atZone(zoneId).toInstant().minusSeconds(1);
        Instant end = LocalDateTime.parse(day + "T00:00").plusDays(1).atZone(zoneId).toInstant();
        Set<LocalDateTime> wallTimes = new HashSet<>();
        int runs = 0;
        Instant previous = start;
        for (Instant t = schedule.next(start).orElseThrow(); t.isBefore(end); t = schedule.next(t).orElseThrow()) {
            assertTrue(t.isAfter(previous), "runs strictly increase");
            assertTrue(wallTimes.add(LocalDateTime.ofInstant(t, zoneId)), "no wall time twice: " + t);
            previous = t;
            runs++;
        }
        assertEquals(expectedRuns, runs, zone + " " + day);
    }

    @Test
    void midnightThatDoesNotExistRunsWhenTheDayBegins() {
        // Sao Paulo 2018: clocks went from 00:00 to 01:00 on 4 November (the case robfig's code comments on).
        assertEquals(times("2018-11-03T00:00-03:00", "2018-11-04T01:00-02:00", "2018-11-05T00:00-02:00"),
                runs("@daily", "America/Sao_Paulo", "2018-11-02T12:00-03:00", 3));
    }

    @Test
    void aZoneWithoutDaylightSavingIsUnaffected() {
        assertEquals(times("2026-03-08T02:30+09:00", "2026-03-09T02:30+09:00"),
                runs("30 2 * * *", "Asia/Tokyo", "2026-03-08T00:00+09:00", 2));
    }
}
