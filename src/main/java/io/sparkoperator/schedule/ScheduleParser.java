package io.sparkoperator.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a {@code ScheduledSparkApplication}'s {@code schedule} (with its {@code timeZone}) the way robfig/cron's
 * {@code ParseStandard} does for the Go operator: an optional {@code CRON_TZ=<zone> } or {@code TZ=<zone> } prefix
 * (which wins over {@code timeZone}), then either five fields or a descriptor. Beyond robfig: day-of-week 7 is Sunday,
 * descriptors are case-insensitive, and an expression that can never fire (February 30th) is an error.
 */
public final class ScheduleParser {
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String EVERY = "@every";

    private ScheduleParser() {
    }

    /**
     * @param schedule     the cron text, e.g. {@code "CRON_TZ=Europe/Berlin 30 2 * * MON-FRI"} or {@code "@every 90m"}
     * @param timeZone     the spec's {@code timeZone}; null or empty means {@code operatorZone}
     * @param operatorZone the zone of schedules that name none
     * @throws ScheduleException naming the field, descriptor, duration or zone that is wrong
     */
    public static Schedule parse(String schedule, String timeZone, ZoneId operatorZone) {
        if (schedule == null || schedule.isBlank()) {
            throw new ScheduleException("schedule is empty");
        }
        ZoneId zone = timeZone == null || timeZone.isEmpty() ? operatorZone : TimeZones.load(timeZone, operatorZone);
        String rest = schedule.strip();
        if (rest.startsWith("CRON_TZ=") || rest.startsWith("TZ=")) {
            int space = firstWhitespace(rest);
            if (space < 0) {
                throw new ScheduleException("schedule \"" + schedule + "\" has a time zone prefix but no expression");
            }
            String name = rest.substring(rest.indexOf('=') + 1, space);
            if (name.isEmpty()) {
                throw new ScheduleException("schedule \"" + schedule + "\" has an empty time zone prefix");
            }
            zone = TimeZones.load(name, operatorZone);
            rest = rest.substring(space).strip();
        }
        if (rest.startsWith("@")) {
            return descriptor(rest, zone);
        }
        return fields(rest, zone);
    }

    private static Schedule descriptor(String text, ZoneId zone) {
        String[] words = text.split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        if (name.equals(EVERY)) {
            if (words.length < 2) {
                throw new ScheduleException("descriptor @every needs a duration, e.g. \"@every 1h30m\"");
            }
            Duration period = GoDuration.parse(words[1].strip());
            if (period.isNegative() || period.isZero()) {
                throw new ScheduleException("descriptor @every needs a positive duration, got \"" + words[1] + "\"");
            }
            return EverySchedule.of(period);
        }
        String expression = DESCRIPTORS.get(name);
        if (expression == null || words.length > 1) {
            throw new ScheduleException("unknown descriptor \"" + text + "\" (use @yearly, @annually, @monthly, "
                    + "@weekly, @daily, @midnight, @hourly or @every <duration>)");
        }
        return fields(expression, zone);
    }

    private static CronSchedule fields(String text, ZoneId zone) {
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            throw new ScheduleException("expected exactly 5 fields (minute hour day-of-month month day-of-week), found "
                    + fields.length + ": \"" + text + "\"");
        }
        CronSchedule schedule = new CronSchedule(
                CronField.parse(fields[0], CronFieldKind.MINUTE),
                CronField.parse(fields[1], CronFieldKind.HOUR),
                CronField.parse(fields[2], CronFieldKind.DAY_OF_MONTH),
                CronField.parse(fields[3], CronFieldKind.MONTH),
                CronField.parse(fields[4], CronFieldKind.DAY_OF_WEEK),
                zone);
        if (!schedule.matchesSomeDate()) {
            throw new ScheduleException("day-of-month field \"" + fields[2] + "\" never occurs in month field \""
                    + fields[3] + "\": the schedule would never run");
        }
        return schedule;
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
