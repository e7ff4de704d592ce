package io.sparkoperator.logging;

import java.util.regex.Pattern;

/**
 * Keys whose values must never reach a log line. Structured fields with such keys are masked by {@link Log}; the
 * spark-submit argument list has its own redaction in the submitter.
 */
public final class SecretKeys {
    public static final String MASK = "*****";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(token|password|passwd|secret|credential|api[-_.]?key|access[-_.]?key|private[-_.]?key).*");

    private SecretKeys() {
    }

    public static boolean looksSecret(String key) {
        return key != null && SECRET.matcher(key).matches();
    }

    /** The value, or the mask when the key looks secret. */
    public static Object redact(String key, Object value) {
        return looksSecret(key) && value != null ? MASK : value;
    }
}
