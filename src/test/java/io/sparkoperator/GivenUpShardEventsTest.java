package io.sparkoperator;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardHash;
import io.sparkoperator.sparkapp.ShardLabels;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.ShardedReplica;
import io.sparkoperator.testing.TestApps;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica that has just given a shard up still hears of that shard's objects for a moment (its watch stops after
 * the hand-over; in these tests it lingers). A scheduled run of that shard must not get a pass here, even when the
 * run's own name hashes to a shard this replica holds: the run is placed by its parent, which the event's own object
 * names. (ActiveActiveTest caught a run reconciled off its parent's shard this way, now and then, on a busy machine.)
 * The shards are opened and closed by hand here, no Leases, so the order of events is fixed.
 */
class GivenUpShardEventsTest {
    static final int SHARDS = 16;
    static final String NS = "team-a";
    private final MockCluster cluster = new MockCluster();
    private final ShardedReplica.PassLog log = new ShardedReplica.PassLog();
    private ShardedReplica replica;

    @AfterEach
    void stop() {
        if (replica != null) {
            replica.runtime.stop(Duration.ofSeconds(5), true);
        }
        cluster.close();
    }

    @Test
    void aRunOfAGivenUpShardGetsNoPassWhereItsOwnNameWouldPlaceIt() throws Exception {
        LeaderElectionOptions election = new LeaderElectionOptions(true, "spark-operator-lock", "spark-operator",
                Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(1), SHARDS);
        replica = new ShardedReplica(cluster.newClient(), cluster.newClient(), "replica-a", election, log);
        replica.runtime.start();
        String parent = "nightly";
        int parentShard = shardOf(parent);
        String run = firstNameWith(parent + "-run-", name -> shardOf(name) != parentShard);
        int runOwnShard = shardOf(run);
        String neighbour = firstNameWith("neighbour-", name -> shardOf(name) == runOwnShard);

        replica.gate.open(parentShard);
        replica.gate.open(runOwnShard);
        waitFor(() -> replica.gate.isOpen(parentShard) && replica.gate.isOpen(runOwnShard));
        replica.gate.close(parentShard);
        replica.gate.forget(parentShard); // given up: its watch lingers, its events still arrive

        create(run, Map.of(Labels.SCHEDULED_APP_NAME, parent), parentShard);
        create(neighbour, Map.of(), runOwnShard);
        waitFor(() -> passesOf(neighbour) > 0, Duration.ofSeconds(10));
        Thread.sleep(1_000); // the run's event came by the same way as the neighbour's
        assertEquals(0, passesOf(run), run + " is of shard " + parentShard + " (its parent's), given up here;"
                + " its own name's shard " + runOwnShard + " is held here");
    }

    private long passesOf(String name) {
        return log.passes.stream().filter(p -> p.key().name().equals(name)).count();
    }

    private void create(String name, Map<String, String> labels, int shard) {
        GenericKubernetesResource app = ApiJson.parse(TestApps.sparkPi(NS, name), GenericKubernetesResource.class);
        Map<String, String> all = new HashMap<>(labels);
        all.putAll(new ShardLabels(SHARDS).of(shard));
        app.getMetadata().setLabels(all);
        SparkApplications.api(cluster.client).inNamespace(NS).resource(app).create();
    }

    private static int shardOf(String name) {
        return ShardHash.shardOf(new ResourceKey(NS, name), SHARDS);
    }

    /** The first of prefix0, prefix1, ... that is wanted (names hash evenly: found within a few tries). */
    private static String firstNameWith(String prefix, Predicate<String> wanted) {
        for (int i = 0; ; i++) {
            if (wanted.test(prefix + i)) {
                return prefix + i;
            }
        }
    }
}
