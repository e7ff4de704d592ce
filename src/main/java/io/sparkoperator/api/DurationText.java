package io.sparkoperator.api;

import java.time.Duration;

/**
 * Durations written for people the way the Go operator and its flags write them ({@code 5s}, {@code 1m30s},
 * {@code 500ms}, {@code 2h0m0s} becomes {@code 2h}), not Java's {@code PT5S}.
 */
public final class DurationText {
    private DurationText() {
    }

    public static String of(Duration duration) {
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = duration.toNanos();
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms"
                    : nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        int millis = duration.toMillisPart();
        if (duration.toSecondsPart() > 0 || millis > 0) {
            text.append(duration.toSecondsPart());
            if (millis > 0) {
                text.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
            }
            text.append('s');
        }
        return text.toString();
    }
}
