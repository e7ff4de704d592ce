package io.sparkoperator.schedule;

import java.util.Locale;
import java.util.Map;

/**
 * The five fields of a standard cron expression with their bounds and names. {@code starMax} is the upper end that
 * {@code *} and {@code N/step} reach: for day-of-week it is 6, although 7 (Sunday again) may be written explicitly.
 */
enum CronFieldKind {
    MINUTE("minute", 0, 59, 59, Map.of()),
    HOUR("hour", 0, 23, 23, Map.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, 31, Map.of()),
    MONTH("month", 1, 12, 12, Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12))),
    DAY_OF_WEEK("day-of-week", 0, 7, 6, Map.of(
            "sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

    private final String label;
    private final int min;
    private final int max;
    private final int starMax;
    private final Map<String, Integer> names;

    CronFieldKind(String label, int min, int max, int starMax, Map<String, Integer> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.starMax = starMax;
        this.names = names;
    }

    String label() {
        return label;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    int starMax() {
        return starMax;
    }

    /** The number for a name ({@code JAN}, {@code sun}, case-insensitive) or a decimal, or null if neither. */
    Integer numberOf(String token) {
        Integer named = names.get(token.toLowerCase(Locale.ROOT));
        return named != null ? named : decimal(token);
    }

    /** A small unsigned decimal ({@code 0}-{@code 9999}), or null. */
    static Integer decimal(String token) {
        if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(token);
    }
}
