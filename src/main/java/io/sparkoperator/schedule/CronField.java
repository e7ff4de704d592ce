package io.sparkoperator.schedule;

/**
 * One parsed field as a bit set of allowed values. {@code star} records that the field was written as {@code *} or
 * {@code ?} (with step 1): robfig/cron, Vixie cron and Kubernetes then AND day-of-month with day-of-week instead of
 * ORing them. As in robfig/cron v3, {@code *}{@code /2} is not a star (it restricts the field).
 */
record CronField(CronFieldKind kind, long bits, boolean star) {

    boolean contains(int value) {
        return (bits & (1L << value)) != 0;
    }

    /** The smallest allowed value {@code >= from}, or -1 when there is none up to the field's maximum. */
    int nextFrom(int from) {
        if (from > 63) {
            return -1;
        }
        long remaining = bits & (-1L << from);
        return remaining == 0 ? -1 : Long.numberOfTrailingZeros(remaining);
    }

    /**
     * Parses one field: a comma-separated list of {@code *}, {@code ?}, {@code N}, {@code N-M}, each optionally with
     * {@code /step} ({@code N/step} means {@code N-max/step}). Names are allowed where the field has them.
     */
    static CronField parse(String text, CronFieldKind kind) {
        if (text.isEmpty()) {
            throw error(kind, text, "is empty");
        }
        long bits = 0;
        boolean star = false;
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw error(kind, text, "has an empty list element");
            }
            String[] rangeAndStep = part.split("/", -1);
            if (rangeAndStep.length > 2) {
                throw error(kind, text, "has too many '/' in \"" + part + "\"");
            }
            int step = 1;
            if (rangeAndStep.length == 2) {
                Integer parsed = CronFieldKind.decimal(rangeAndStep[1]);
                if (parsed == null || parsed == 0) {
                    throw error(kind, text, "has step \"" + rangeAndStep[1] + "\"; a step must be a positive number");
                }
                step = parsed;
            }
            String range = rangeAndStep[0];
            int start;
            int end;
            if (range.equals("*") || range.equals("?")) {
                start = kind.min();
                end = kind.starMax();
                star |= step == 1;
            } else {
                String[] lowHigh = range.split("-", -1);
                if (lowHigh.length > 2) {
                    throw error(kind, text, "has too many '-' in \"" + part + "\"");
                }
                start = value(kind, text, lowHigh[0]);
                if (lowHigh.length == 2) {
                    end = value(kind, text, lowHigh[1]);
                } else {
                    end = rangeAndStep.length == 2 ? Math.max(start, kind.starMax()) : start;
                }
                if (start > end) {
                    throw error(kind, text, "has range \"" + range + "\" whose start is after its end");
                }
            }
            for (int v = start; v <= end; v += step) {
                bits |= 1L << v;
            }
        }
        if (kind == CronFieldKind.DAY_OF_WEEK && (bits & (1L << 7)) != 0) {
            bits = (bits & ~(1L << 7)) | 1L; // 7 is Sunday, like 0
        }
        return new CronField(kind, bits, star);
    }

    private static int value(CronFieldKind kind, String field, String token) {
        Integer value = kind.numberOf(token);
        if (value == null) {
            throw error(kind, field, "has \"" + token + "\", which is not a number"
                    + (kind == CronFieldKind.MONTH ? " or a month name (JAN-DEC)"
                    : kind == CronFieldKind.DAY_OF_WEEK ? " or a day name (SUN-SAT)" : ""));
        }
        if (value < kind.min() || value > kind.max()) {
            throw error(kind, field, "has " + value + ", outside " + kind.min() + "-" + kind.max());
        }
        return value;
    }

    private static ScheduleException error(CronFieldKind kind, String field, String problem) {
        return new ScheduleException(kind.label() + " field \"" + field + "\" " + problem);
    }
}
