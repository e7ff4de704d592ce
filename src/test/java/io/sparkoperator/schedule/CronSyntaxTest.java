package io.sparkoperator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields, ranges, lists, steps, names and day matching, all in UTC (zones and DST have their own test). */
class CronSyntaxTest {

    static List<String> runs(String schedule, String from, int count) {
        Schedule parsed = ScheduleParser.parse(schedule, null, ZoneOffset.UTC);
        List<String> result = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            t = parsed.next(t).orElseThrow();
            result.add(t.toString());
        }
        return result;
    }

    @Test
    void everyMinuteStartsAtTheNextWholeMinuteStrictlyAfter() {
        assertEquals(List.of("2026-05-04T10:08:00Z", "2026-05-04T10:09:00Z"),
                runs("* * * * *", "2026-05-04T10:07:00Z", 2));
        assertEquals(List.of("2026-05-04T10:08:00Z"), runs("* * * * *", "2026-05-04T10:07:59.999Z", 1));
    }

    @Test
    void stepsRangesAndLists() {
        assertEquals(List.of("2026-05-04T10:15:00Z", "2026-05-04T10:30:00Z", "2026-05-04T10:45:00Z",
                "2026-05-04T11:00:00Z"), runs("*/15 * * * *", "2026-05-04T10:07:00Z", 4));
        assertEquals(List.of("2026-05-04T10:01:00Z", "2026-05-04T10:03:00Z", "2026-05-04T10:05:00Z",
                "2026-05-04T10:07:00Z", "2026-05-04T10:09:00Z", "2026-05-04T11:01:00Z"),
                runs("1-10/2 * * * *", "2026-05-04T10:00:00Z", 6));
        assertEquals(List.of("2026-05-04T10:10:00Z", "2026-05-04T10:30:00Z", "2026-05-04T10:50:00Z",
                "2026-05-04T11:10:00Z"), runs("10/20 * * * *", "2026-05-04T10:00:00Z", 4));
        assertEquals(List.of("2026-05-04T08:00:00Z", "2026-05-04T08:30:00Z", "2026-05-04T17:00:00Z",
                "2026-05-04T17:30:00Z", "2026-05-05T08:00:00Z"),
                runs("0,30 8,17 * * *", "2026-05-04T07:00:00Z", 5));
        assertEquals(List.of("2026-05-04T09:05:00Z", "2026-05-04T11:05:00Z", "2026-05-04T13:05:00Z"),
                runs("5 9-13/2 * * *", "2026-05-04T08:00:00Z", 3));
    }

    @Test
    void monthAndDayNamesAreCaseInsensitive() {
        // 2026-05-04 is a Monday.
        assertEquals(List.of("2026-05-04T09:00:00Z", "2026-05-08T09:00:00Z", "2026-05-11T09:00:00Z"),
                runs("0 9 * MAY mon,FRI", "2026-05-04T08:00:00Z", 3));
        assertEquals(List.of("2026-07-01T00:00:00Z", "2026-12-01T00:00:00Z", "2027-07-01T00:00:00Z"),
                runs("0 0 1 jul,Dec *", "2026-05-04T08:00:00Z", 3));
        assertEquals(runs("0 9 * * 1-5", "2026-05-04T08:00:00Z", 10), runs("0 9 * * Mon-Fri", "2026-05-04T08:00:00Z", 10));
        assertEquals(runs("0 0 1 3-5 *", "2026-01-01T00:00:00Z", 6), runs("0 0 1 MAR-may *", "2026-01-01T00:00:00Z", 6));
    }

    @Test
    void sevenIsSundayLikeZero() {
        // 2026-05-10 is a Sunday.
        assertEquals(List.of("2026-05-10T00:00:00Z", "2026-05-17T00:00:00Z"), runs("0 0 * * 7", "2026-05-04T00:00:00Z", 2));
        assertEquals(runs("0 0 * * 0", "2026-05-04T00:00:00Z", 5), runs("0 0 * * 7", "2026-05-04T00:00:00Z", 5));
        assertEquals(List.of("2026-05-08T00:00:00Z", "2026-05-09T00:00:00Z", "2026-05-10T00:00:00Z",
                "2026-05-15T00:00:00Z"), runs("0 0 * * 5-7", "2026-05-04T00:00:00Z", 4));
        assertEquals(List.of("2026-05-10T00:00:00Z", "2026-05-12T00:00:00Z", "2026-05-14T00:00:00Z",
                "2026-05-16T00:00:00Z", "2026-05-17T00:00:00Z"), runs("0 0 * * */2", "2026-05-09T00:00:00Z", 5));
    }

    @Test
    void questionMarkIsAStar() {
        assertEquals(runs("0 12 * * MON", "2026-05-04T00:00:00Z", 5), runs("0 12 ? * MON", "2026-05-04T00:00:00Z", 5));
        assertEquals(runs("0 12 15 * *", "2026-05-04T00:00:00Z", 5), runs("0 12 15 * ?", "2026-05-04T00:00:00Z", 5));
    }

    @Test
    void dayOfMonthAndDayOfWeekAreOredWhenBothRestricted() {
        // The 1st and 15th, and every Sunday (Vixie cron, robfig/cron, Kubernetes).
        assertEquals(List.of("2026-05-10T00:00:00Z", "2026-05-15T00:00:00Z", "2026-05-17T00:00:00Z",
                "2026-05-24T00:00:00Z", "2026-05-31T00:00:00Z", "2026-06-01T00:00:00Z"),
                runs("0 0 1,15 * SUN", "2026-05-04T00:00:00Z", 6));
        // As robfig/cron v3: a stepped star restricts, so this is also an OR (odd days or Sundays).
        assertEquals(List.of("2026-05-05T00:00:00Z", "2026-05-07T00:00:00Z", "2026-05-09T00:00:00Z",
                "2026-05-10T00:00:00Z", "2026-05-11T00:00:00Z"), runs("0 0 */2 * SUN", "2026-05-04T00:00:00Z", 5));
    }

    @Test
    void dayOfMonthAndDayOfWeekAreAndedWhenOneIsAStar() {
        assertEquals(List.of("2026-05-15T00:00:00Z", "2026-06-15T00:00:00Z"), runs("0 0 15 * *", "2026-05-04T00:00:00Z", 2));
        assertEquals(List.of("2026-05-10T00:00:00Z", "2026-05-17T00:00:00Z"), runs("0 0 * * SUN", "2026-05-04T00:00:00Z", 2));
        // "*/1" is still a star: every Friday. "13 * FRI" is an OR: every Friday and every 13th.
        assertEquals(runs("0 0 * * FRI", "2026-05-04T00:00:00Z", 5), runs("0 0 */1 * FRI", "2026-05-04T00:00:00Z", 5));
        assertEquals(List.of("2026-05-08T00:00:00Z", "2026-05-13T00:00:00Z", "2026-05-15T00:00:00Z"),
                runs("0 0 13 * FRI", "2026-05-04T00:00:00Z", 3));
    }

    @Test
    void descriptorsMatchTheirFiveFieldForms() {
        String from = "2026-05-04T10:07:00Z";
        assertEquals(List.of("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"), runs("@yearly", from, 2));
        assertEquals(runs("@yearly", from, 3), runs("@annually", from, 3));
        assertEquals(List.of("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"), runs("@monthly", from, 2));
        assertEquals(List.of("2026-05-10T00:00:00Z", "2026-05-17T00:00:00Z"), runs("@weekly", from, 2));
        assertEquals(List.of("2026-05-05T00:00:00Z", "2026-05-06T00:00:00Z"), runs("@daily", from, 2));
        assertEquals(runs("@daily", from, 3), runs("@midnight", from, 3));
        assertEquals(List.of("2026-05-04T11:00:00Z", "2026-05-04T12:00:00Z"), runs("@hourly", from, 2));
        assertEquals(runs("@hourly", from, 3), runs("@HOURLY", from, 3));
    }

    @Test
    void everyAddsTheDurationOnWholeSecondsAsRobfigDoes() {
        assertEquals(List.of("2026-05-04T11:30:00Z", "2026-05-04T13:00:00Z"),
                runs("@every 1h30m", "2026-05-04T10:00:00.700Z", 2));
        assertEquals(List.of("2026-05-04T10:03:00Z"), runs("@every 3m", "2026-05-04T10:00:00Z", 1));
        assertEquals(List.of("2026-05-04T10:01:30Z"), runs("@every 90s", "2026-05-04T10:00:00Z", 1));
        assertEquals(List.of("2026-05-04T11:30:00Z"), runs("@every 1.5h", "2026-05-04T10:00:00Z", 1));
        // Below a second rounds up to one second, fractions of a second are dropped.
        assertEquals(List.of("2026-05-04T10:00:01Z"), runs("@every 500ms", "2026-05-04T10:00:00.250Z", 1));
        assertEquals(List.of("2026-05-04T10:00:02Z"), runs("@every 2999ms", "2026-05-04T10:00:00Z", 1));
    }

    @Test
    void goDurationSyntax() {
        assertEquals(java.time.Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(java.time.Duration.ofNanos(1_500), GoDuration.parse("1us500ns"));
        assertEquals(java.time.Duration.ofNanos(2_000), GoDuration.parse("2\u00b5s"));
        assertEquals(java.time.Duration.ofMillis(-1500), GoDuration.parse("-1.5s"));
        assertEquals(java.time.Duration.ZERO, GoDuration.parse("0"));
        assertEquals(java.time.Duration.ofMinutes(30), GoDuration.parse(".5h"));
    }

    @Test
    void firesAtRecognisesTicks() {
        Schedule schedule = ScheduleParser.parse("*/15 * * * *", null, ZoneOffset.UTC);
        assertTrue(schedule.firesAt(Instant.parse("2026-05-04T10:15:00Z")));
        assertFalse(schedule.firesAt(Instant.parse("2026-05-04T10:16:00Z")));
        assertTrue(ScheduleParser.parse("@every 7m", null, ZoneOffset.UTC).firesAt(Instant.parse("2026-05-04T10:16:03Z")));
    }
}
