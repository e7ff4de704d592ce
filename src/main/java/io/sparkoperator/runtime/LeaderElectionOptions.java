package io.sparkoperator.runtime;

import java.time.Duration;

/** The Lease-based leader election settings ({@code --leader-election*} flags, Go operator defaults). */
public record LeaderElectionOptions(boolean enabled, String lockName, String lockNamespace, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod) {

    public static LeaderElectionOptions defaults() {
        return new LeaderElectionOptions(false, "spark-operator-lock", "spark-operator", Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** The ordering fabric8's elector needs (it jitters the retry period by up to 1.2x). */
    public void validate() {
        if (lockName == null || lockName.isBlank() || lockNamespace == null || lockNamespace.isBlank()) {
            throw new IllegalArgumentException("--leader-election-lock-name and -lock-namespace must not be empty");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("--leader-election-lease-duration (" + leaseDuration
                    + ") must be longer than --leader-election-renew-deadline (" + renewDeadline + ")");
        }
        if (renewDeadline.toMillis() <= retryPeriod.toMillis() * 1.2) {
            throw new IllegalArgumentException("--leader-election-renew-deadline (" + renewDeadline
                    + ") must be longer than 1.2 x --leader-election-retry-period (" + retryPeriod + ")");
        }
    }
}
