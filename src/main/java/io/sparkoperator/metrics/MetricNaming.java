package io.sparkoperator.metrics;

/**
 * Turns operator flags and Kubernetes label keys into valid Prometheus names. The Go operator only replaces
 * {@code -} by {@code _}; we replace every character Prometheus refuses, so keys such as
 * {@code app.kubernetes.io/name} work too (and keys that were valid in Go map to the same name).
 */
public final class MetricNaming {
    private MetricNaming() {
    }

    /** {@code prefix + name} with invalid characters replaced, exactly as {@code --metrics-prefix} is applied. */
    public static String metricName(String prefix, String name) {
        return sanitize((prefix == null ? "" : prefix) + name);
    }

    /** A label key as it appears in the exposition, e.g. {@code app-type} -> {@code app_type}. */
    public static String labelName(String key) {
        return sanitize(key);
    }

    private static String sanitize(String raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("empty metric or label name");
        }
        StringBuilder out = new StringBuilder(raw.length() + 1);
        if (Character.isDigit(raw.charAt(0))) {
            out.append('_');
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == ':';
            out.append(valid ? c : '_');
        }
        return out.toString();
    }
}
