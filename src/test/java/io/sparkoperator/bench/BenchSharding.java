package io.sparkoperator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.runtime.ShardLeases;
import java.time.Duration;

/**
 * The benchmark operator as one active-active replica, wired as Operator wires {@code --shards} above 1: a
 * {@link ShardGate} in front of the reconciler and {@link ShardLeases} with the shipped Lease timings (the Go
 * operator's defaults: 15 s lease, 10 s renew deadline, 2 s retry). Asked for with {@code -Dbench.shards=N
 * -Dbench.replica=<identity>}.
 */
record BenchSharding(ShardGate gate, ShardLeases leases) {
    static final LeaderElectionOptions LEASES = new LeaderElectionOptions(true, "spark-operator-lock",
            "spark-operator", Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));

    /** Null when the system properties do not ask for shards. */
    static BenchSharding fromSystemProperties(KubernetesClient client, EventRecorder events) {
        int shards = Integer.getInteger("bench.shards", 1);
        if (shards < 2) {
            return null;
        }
        String identity = System.getProperty("bench.replica", "bench-operator");
        ShardGate gate = new ShardGate(shards);
        return new BenchSharding(gate, new ShardLeases(client, LEASES.withShards(shards), identity, gate, events));
    }
}
