package io.sparkoperator.submit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The major version of {@code spec.sparkVersion} ("3.5.1", "v4.0.0", "4.1.0-preview1"), if it can be read. */
final class SparkVersion {
    private static final Pattern LEADING_NUMBER = Pattern.compile("^v?(\\d+)(\\.\\d+)*([-+].*)?$");

    private SparkVersion() {
    }

    static Optional<Integer> major(String sparkVersion) {
        if (sparkVersion == null) {
            return Optional.empty();
        }
        Matcher m = LEADING_NUMBER.matcher(sparkVersion.trim());
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** True when the version is known and below 3.0.0 (no pod templates; the Go operator adds the webhook label). */
    static boolean isBelow3(String sparkVersion) {
        return major(sparkVersion).map(v -> v < 3).orElse(false);
    }
}
