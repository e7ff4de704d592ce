package io.sparkoperator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which zone a schedule runs in: prefix, spec field, operator default. */
class CronTimeZoneTest {
    private static final ZoneId OPERATOR = ZoneId.of("Asia/Tokyo");
    private static final Instant FROM = Instant.parse("2026-07-01T00:00:00Z");

    private static Instant next(String schedule, String timeZone) {
        return ScheduleParser.parse(schedule, timeZone, OPERATOR).next(FROM).orElseThrow();
    }

    @Test
    void theSpecTimeZoneFieldSetsTheWallClock() {
        assertEquals(Instant.parse("2026-07-01T07:00:00Z"), next("0 9 * * *", "Europe/Berlin")); // CEST, UTC+2
        assertEquals(Instant.parse("2026-07-01T13:00:00Z"), next("0 9 * * *", "America/New_York")); // EDT, UTC-4
        assertEquals(Instant.parse("2026-07-01T09:00:00Z"), next("0 9 * * *", "UTC"));
    }

    @Test
    void aPrefixWinsOverTheField() {
        assertEquals(Instant.parse("2026-07-01T07:00:00Z"), next("CRON_TZ=Europe/Berlin 0 9 * * *", "America/New_York"));
        assertEquals(Instant.parse("2026-07-01T13:00:00Z"), next("TZ=America/New_York 0 9 * * *", "Europe/Berlin"));
        assertEquals(Instant.parse("2026-07-01T22:00:00Z"), next("CRON_TZ=Europe/Berlin @midnight", null));
    }

    @Test
    void noZoneMeansTheOperatorZoneAndSoDoesLocal() {
        assertEquals(Instant.parse("2026-07-01T00:00:00Z").plusSeconds(24 * 3600), next("0 9 * * *", null));
        assertEquals(next("0 9 * * *", null), next("0 9 * * *", ""));
        assertEquals(next("0 9 * * *", null), next("0 9 * * *", "Local"));
        assertEquals(next("0 9 * * *", null), next("CRON_TZ=Local 0 9 * * *", "Europe/Berlin"));
    }

    @Test
    void everyIgnoresZones() {
        assertEquals(FROM.plusSeconds(600), next("CRON_TZ=Europe/Berlin @every 10m", "America/New_York"));
    }

    @Test
    void theOperatorZoneDefaultsAreExplicit() {
        Schedule utc = ScheduleParser.parse("0 9 * * *", null, ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-07-01T09:00:00Z"), utc.next(FROM).orElseThrow());
    }
}
