package io.sparkoperator.bench.apiserver;

import java.util.Map;

/** The kind of the objects behind a plural resource name (for list responses). */
final class Kinds {
    private static final Map<String, String> BY_PLURAL = Map.of("pods", "Pod", "services", "Service", "events",
            "Event", "configmaps", "ConfigMap", "ingresses", "Ingress", "leases", "Lease", "sparkapplications",
            "SparkApplication", "scheduledsparkapplications", "ScheduledSparkApplication");

    private Kinds() {
    }

    static String of(String plural) {
        String known = BY_PLURAL.get(plural);
        if (known != null) {
            return known;
        }
        String singular = plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
        return Character.toUpperCase(singular.charAt(0)) + singular.substring(1);
    }
}
