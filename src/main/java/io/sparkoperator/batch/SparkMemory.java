package io.sparkoperator.batch;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's memory strings ({@code 512m}, {@code 2g}, {@code 1024}) in bytes, as the Go operator reads them: a bare
 * number means MiB for the memory settings and bytes for {@code spark.memory.offHeap.size}.
 */
final class SparkMemory {
    private static final Pattern TEXT = Pattern.compile("^([0-9]+)([a-z]+)?$");
    private static final Map<String, Long> SUFFIXES = Map.ofEntries(
            Map.entry("b", 1L), Map.entry("k", 1L << 10), Map.entry("kb", 1L << 10), Map.entry("m", 1L << 20),
            Map.entry("mb", 1L << 20), Map.entry("g", 1L << 30), Map.entry("gb", 1L << 30),
            Map.entry("t", 1L << 40), Map.entry("tb", 1L << 40), Map.entry("p", 1L << 50), Map.entry("pb", 1L << 50));

    static final long MIB = 1L << 20;

    private SparkMemory() {
    }

    static long bytes(String text, long bareUnit) throws SchedulingException {
        Matcher m = TEXT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new SchedulingException("unable to parse byte string: " + text);
        }
        try {
            long value = Long.parseLong(m.group(1));
            long unit = m.group(2) == null ? bareUnit : SUFFIXES.getOrDefault(m.group(2), 0L);
            if (unit == 0) {
                throw new SchedulingException("unable to parse byte string: " + text);
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SchedulingException("unable to parse byte string: " + text);
        }
    }
}
