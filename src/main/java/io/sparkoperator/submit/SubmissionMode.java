package io.sparkoperator.submit;

import java.util.Locale;

/** How the operator runs spark-submit ({@code --submission-mode}). */
public enum SubmissionMode {
    /** In a long-lived submission worker JVM, one submission after another; the cold path when none starts. */
    WARM,
    /** A new spark-submit JVM per submission. */
    COLD;

    /** {@code warm} or {@code cold}, any case. */
    public static SubmissionMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "warm" -> WARM;
            case "cold" -> COLD;
            default -> throw new IllegalArgumentException("expected warm or cold, got '" + text + "'");
        };
    }

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
