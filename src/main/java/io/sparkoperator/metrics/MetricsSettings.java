package io.sparkoperator.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The Go operator's metric flags: {@code --metrics-prefix}, {@code --metrics-labels},
 * {@code --metrics-job-submit-latency-buckets} and {@code --metrics-job-start-latency-buckets}.
 * The prefix is glued to the names as given (Go does no separator either), then sanitized.
 */
public record MetricsSettings(String prefix, List<String> labels, List<Double> submitLatencyBuckets,
        List<Double> startLatencyBuckets) {
    public static final List<Double> DEFAULT_SUBMIT_LATENCY_BUCKETS =
            List.of(0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0);
    public static final List<Double> DEFAULT_START_LATENCY_BUCKETS =
            List.of(30.0, 60.0, 90.0, 120.0, 150.0, 180.0, 210.0, 240.0, 270.0, 300.0);

    public MetricsSettings {
        prefix = prefix == null ? "" : prefix;
        labels = List.copyOf(labels);
        submitLatencyBuckets = checkedBuckets(submitLatencyBuckets);
        startLatencyBuckets = checkedBuckets(startLatencyBuckets);
    }

    /** No prefix, no labels, Go's default buckets (the flag defaults; Helm adds the label {@code app_type}). */
    public static MetricsSettings defaults() {
        return new MetricsSettings("", List.of(), DEFAULT_SUBMIT_LATENCY_BUCKETS, DEFAULT_START_LATENCY_BUCKETS);
    }

    /** Parses a flag value such as {@code "app_type,namespace"}; blank means none. */
    public static List<String> parseLabels(String flag) {
        if (flag == null || flag.isBlank()) {
            return List.of();
        }
        return Arrays.stream(flag.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses a flag value such as {@code "0.5,1,2"}; a clear error for anything that is not a positive number. */
    public static List<Double> parseBuckets(String flag) {
        return parseLabels(flag).stream().map(text -> {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("latency bucket '" + text + "' is not a number", e);
            }
        }).toList();
    }

    private static List<Double> checkedBuckets(List<Double> buckets) {
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("latency buckets must not be empty");
        }
        for (double b : buckets) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("latency bucket " + b + " must be a positive finite number");
            }
        }
        return List.copyOf(buckets);
    }
}
