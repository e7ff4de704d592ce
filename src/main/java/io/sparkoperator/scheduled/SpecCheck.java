package io.sparkoperator.scheduled;

import io.sparkoperator.api.ScheduledSparkApplicationSpec;
import io.sparkoperator.schedule.Schedule;
import io.sparkoperator.schedule.ScheduleException;
import io.sparkoperator.schedule.ScheduleParser;
import io.sparkoperator.schedule.TimeZones;
import java.time.ZoneId;

/** A ScheduledSparkApplication spec is either usable (its parsed schedule) or invalid (a reason for status). */
sealed interface SpecCheck {
    int DEFAULT_HISTORY_LIMIT = 1;

    record Valid(Schedule schedule, int successfulLimit, int failedLimit) implements SpecCheck {
    }

    record Invalid(String reason) implements SpecCheck {
    }

    static SpecCheck of(ScheduledSparkApplicationSpec spec, ZoneId operatorZone) {
        if (spec == null) {
            return new Invalid("spec is missing");
        }
        if (spec.schedule() == null || spec.schedule().isBlank()) {
            return new Invalid("spec.schedule is required");
        }
        if (spec.template() == null) {
            return new Invalid("spec.template is required");
        }
        int successful = limit(spec.successfulRunHistoryLimit());
        int failed = limit(spec.failedRunHistoryLimit());
        if (successful < 0 || failed < 0) {
            return new Invalid("run history limits must be 0 or more, got successfulRunHistoryLimit="
                    + spec.successfulRunHistoryLimit() + ", failedRunHistoryLimit=" + spec.failedRunHistoryLimit());
        }
        if (spec.timeZone() != null && !spec.timeZone().isEmpty()) {
            try {
                TimeZones.load(spec.timeZone(), operatorZone);
            } catch (ScheduleException e) {
                return new Invalid("Invalid timezone: " + e.getMessage());
            }
        }
        try {
            return new Valid(ScheduleParser.parse(spec.schedule(), spec.timeZone(), operatorZone), successful, failed);
        } catch (ScheduleException e) {
            return new Invalid("Invalid schedule \"" + spec.schedule() + "\": " + e.getMessage());
        }
    }

    private static int limit(Integer value) {
        return value == null ? DEFAULT_HISTORY_LIMIT : value;
    }
}
