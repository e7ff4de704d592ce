package io.sparkoperator.config;

import io.sparkoperator.schedule.GoDuration;
import java.time.Duration;

/**
 * Durations in flags, written the way the Go operator's flags take them ({@code 10s}, {@code 1m30s}, {@code 500ms},
 * {@code 2h}; the syntax is shared with {@code @every} in schedules), and a bare number meaning seconds, so
 * {@code --spark-submit-timeout=120} also works. No sign: a flag duration is never negative.
 */
final class FlagDuration {
    private FlagDuration() {
    }

    static Duration parse(String text) {
        String value = text.trim();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            if (value.startsWith("-") || value.startsWith("+")) {
                throw new IllegalArgumentException("signed");
            }
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 10s, 1m30s, 500ms, 2h)");
        }
    }
}
