package io.sparkoperator.bench;

import java.util.Map;

/**
 * An operator start against a cluster that already holds {@code apps} applications: launch to ready (caches
 * synced, measured by the harness, JVM start included), the operator's own uptime and sync time at ready, and its
 * uptime when the first reconciliation of every application had finished ({@code -1}: not within the bound).
 */
record StartupResult(int apps, int storedApps, int storedPods, long launchToReadyMillis, long readyUptimeMillis,
        long syncMillis, long firstPassUptimeMillis, Map<String, Object> operator, long requests) {
}
