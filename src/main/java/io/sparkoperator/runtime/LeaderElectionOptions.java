package io.sparkoperator.runtime;

import java.time.Duration;

/** The Lease-based leader election settings ({@code --leader-election*} flags, Go operator defaults). */
public record LeaderElectionOptions(boolean enabled, String lockName, String lockNamespace, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod) {

    public static LeaderElectionOptions defaults() {
        return new LeaderElectionOptions(false, "spark-operator-lock", "spark-operator", Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

}
