package io.sparkoperator.runtime;

import java.time.Duration;

/**
 * The Lease settings ({@code --leader-election*} flags, Go operator defaults) and the number of virtual shards
 * ({@code --shards}): with one shard the replicas elect a leader on the Lease {@code lockName}; with more, every
 * replica reconciles the shards whose Leases ({@code <lockName>-shard-<n>}) it holds (see {@link ShardLeases}).
 */
public record LeaderElectionOptions(boolean enabled, String lockName, String lockNamespace, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod, int shards) {

    public LeaderElectionOptions {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
    }

    /** Leader election alone (one shard). */
    public LeaderElectionOptions(boolean enabled, String lockName, String lockNamespace, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod) {
        this(enabled, lockName, lockNamespace, leaseDuration, renewDeadline, retryPeriod, 1);
    }

    public static LeaderElectionOptions defaults() {
        return new LeaderElectionOptions(false, "spark-operator-lock", "spark-operator", Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** Active-active: Leases per shard instead of one leader. */
    public boolean sharded() {
        return enabled && shards > 1;
    }

    public LeaderElectionOptions withShards(int value) {
        return new LeaderElectionOptions(enabled, lockName, lockNamespace, leaseDuration, renewDeadline, retryPeriod,
                value);
    }
}
