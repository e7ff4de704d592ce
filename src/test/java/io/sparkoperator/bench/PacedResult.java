package io.sparkoperator.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * What a sustained-load run measured: per app (in creation order) when it was created and how long it took from
 * create to SUBMITTED; the operator's report before the first create and after the last completion.
 */
record PacedResult(double perSecond, boolean allSubmitted, double[] createdSeconds, double[] latencySeconds,
        Map<String, Object> before, Map<String, Object> after, long totalRequests, int failed) {

    /** The p-th percentile (0-100) of the latencies of the apps created in [from, to) seconds. */
    double percentile(double p, double from, double to) {
        double[] window = new double[latencySeconds.length];
        int n = 0;
        for (int i = 0; i < latencySeconds.length; i++) {
            if (createdSeconds[i] >= from && createdSeconds[i] < to && !Double.isNaN(latencySeconds[i])) {
                window[n++] = latencySeconds[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(window, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1)];
    }

    double delta(String key) {
        return number(after, key) - number(before, key);
    }

    private static double number(Map<String, Object> report, String key) {
        Object value = report.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    int apps() {
        return latencySeconds.length;
    }
}
