package io.sparkoperator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Schedules that can never run, rare ones, and the error messages a user sees in status. */
class CronImpossibleAndErrorTest {

    private static String error(String schedule, String timeZone) {
        return assertThrows(ScheduleException.class,
                () -> ScheduleParser.parse(schedule, timeZone, ZoneOffset.UTC)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + message + "\" should mention \"" + part + "\"");
        }
    }

    @Test
    void datesThatNeverExistAreRejected() {
        assertMentions(error("0 0 30 2 *", null), "day-of-month", "30", "never");
        assertMentions(error("0 0 31 4,6,9,11 *", null), "day-of-month", "31", "never");
        assertMentions(error("0 0 30-31 FEB *", null), "never");
    }

    @Test
    void rareButPossibleDatesAreFoundFarAhead() {
        Schedule leapDay = ScheduleParser.parse("0 0 29 2 *", null, ZoneOffset.UTC);
        // 2100 is not a leap year: eight years between leap days.
        assertEquals(Instant.parse("2104-02-29T00:00:00Z"), leapDay.next(Instant.parse("2096-03-01T00:00:00Z")).orElseThrow());
        // A weekday makes it an OR: Mondays in February or the 30th of February.
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"),
                ScheduleParser.parse("0 0 30 2 MON", null, ZoneOffset.UTC).next(Instant.parse("2026-03-01T00:00:00Z"))
                        .orElseThrow());
        Schedule leapMonday = ScheduleParser.parse("0 0 */1 2 MON", null, ZoneOffset.UTC);
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), leapMonday.next(Instant.parse("2026-03-01T00:00:00Z")).orElseThrow());
    }

    @Test
    void eachFieldIsNamedInItsError() {
        assertMentions(error("60 * * * *", null), "minute", "60", "0-59");
        assertMentions(error("* 24 * * *", null), "hour", "24", "0-23");
        assertMentions(error("* * 0 * *", null), "day-of-month", "0", "1-31");
        assertMentions(error("* * * 13 *", null), "month", "13", "1-12");
        assertMentions(error("* * * * 8", null), "day-of-week", "8", "0-7");
        assertMentions(error("* * * FOO *", null), "month", "FOO", "JAN-DEC");
        assertMentions(error("* * * * FUNDAY", null), "day-of-week", "FUNDAY", "SUN-SAT");
        assertMentions(error("*/0 * * * *", null), "minute", "step");
        assertMentions(error("5-1 * * * *", null), "minute", "5-1", "start is after its end");
        assertMentions(error("1-2-3 * * * *", null), "minute", "too many '-'");
        assertMentions(error("*/2/3 * * * *", null), "minute", "too many '/'");
        assertMentions(error("1,,2 * * * *", null), "minute", "empty");
        assertMentions(error("-1 * * * *", null), "minute");
        assertMentions(error("a * * * *", null), "minute", "\"a\"");
    }

    @Test
    void shapeErrors() {
        assertMentions(error("* * * *", null), "5 fields", "found 4");
        assertMentions(error("0 * * * * *", null), "5 fields", "found 6");
        assertMentions(error("", null), "empty");
        assertMentions(error("@fortnightly", null), "unknown descriptor", "@fortnightly");
        assertMentions(error("@daily 5", null), "unknown descriptor");
        assertMentions(error("@every", null), "@every", "duration");
        assertMentions(error("@every 5", null), "duration", "missing a unit");
        assertMentions(error("@every 5d", null), "duration", "unknown unit \"d\"");
        assertMentions(error("@every -5m", null), "positive");
        assertMentions(error("@every 0s", null), "positive");
        assertMentions(error("@every 1..5s", null), "duration");
    }

    @Test
    void timeZoneErrors() {
        assertMentions(error("0 * * * *", "Mars/Olympus"), "time zone", "Mars/Olympus");
        assertMentions(error("0 * * * *", "+02:00"), "time zone", "+02:00");
        assertMentions(error("0 * * * *", "europe/berlin"), "time zone");
        assertMentions(error("CRON_TZ=Nowhere/Land 0 * * * *", null), "time zone", "Nowhere/Land");
        assertMentions(error("CRON_TZ= 0 * * * *", null), "empty time zone");
        assertMentions(error("TZ=Europe/Berlin", null), "no expression");
    }
}
