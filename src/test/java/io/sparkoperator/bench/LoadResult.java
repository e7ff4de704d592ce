package io.sparkoperator.bench;

import java.util.Map;

/**
 * What one load run measured. Times are seconds from the first create; {@code operator} holds the operator
 * process's own report; {@code requests} the API requests it made after its caches synced, by verb and resource.
 */
record LoadResult(LoadSettings settings, double createSeconds, double allSubmittedSeconds,
        double allCompletedSeconds, int submitted, int completed, int failed, Map<String, Object> operator,
        Map<String, Long> requests, long totalRequests, long launchToReadyMillis) {

    double number(String key) {
        Object value = operator.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    double cpuMillisPerApp() {
        return number("cpuSinceReadyMs") / settings.apps();
    }

    double requestsPerApp() {
        return (double) totalRequests / settings.apps();
    }

    boolean finished() {
        return completed == settings.apps() && failed == 0;
    }
}
