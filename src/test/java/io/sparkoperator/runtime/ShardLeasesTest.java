package io.sparkoperator.runtime;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.sparkoperator.testing.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardLeasesTest {
    static final LeaderElectionOptions FAST = new LeaderElectionOptions(true, "spark-operator-lock", "spark-operator",
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250), 8);

    private final MockCluster cluster = new MockCluster();
    private final List<ShardLeases> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(ShardLeases::abandon);
        cluster.close();
    }

    private ShardLeases replica(String name) {
        ShardLeases leases = new ShardLeases(cluster.newClient(), FAST, name, new ShardGate(FAST.shards()), null);
        leases.start();
        started.add(leases);
        return leases;
    }

    @Test
    void theShardOfAnObjectIsFnv1aOfNamespaceSlashNameModuloTheShards() {
        assertEquals(0x811c9dc5, ShardHash.fnv1a(""), "FNV-1a offset basis");
        assertEquals(0xe40c292c, ShardHash.fnv1a("a"), "FNV-1a test vector");
        // The examples in docs/high-availability.md.
        assertEquals(12, ShardHash.shardOf(new ResourceKey("default", "spark-pi"), 16));
        assertEquals(8, ShardHash.shardOf(new ResourceKey("team-a", "app-1"), 16));
        assertEquals(0, ShardHash.shardOf(new ResourceKey("team-a", "app-1"), 1), "one shard holds everything");
    }

    @Test
    void replicasSplitTheShardsEvenlyAndHandThemOverWhenOneLeavesOrDies() throws Exception {
        ShardLeases a = replica("replica-a");
        waitFor(() -> a.heldShards().size() == 8);
        ShardLeases b = replica("replica-b");
        ShardLeases c = replica("replica-c");
        waitForSplit(List.of(a, b, c), 3, 2);

        long stopped = System.nanoTime();
        b.close();
        waitForSplit(List.of(a, c), 4, 4);
        assertTrue(System.nanoTime() - stopped < FAST.leaseDuration().toNanos(), "released shards move at once");
        assertEquals(null, cluster.client.leases().inNamespace("spark-operator").withName(b.memberLeaseName()).get(),
                "the member Lease went with the replica");

        List<Integer> orphaned = c.heldShards();
        long killed = System.nanoTime();
        c.abandon();
        waitFor(() -> a.heldShards().size() == 8, Duration.ofSeconds(15));
        long tookMs = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(tookMs >= FAST.leaseDuration().toMillis() - 200, "taken only once expired: " + tookMs + " ms");
        assertTrue(tookMs <= FAST.leaseDuration().toMillis() + 5000, "taken within lease duration + 5 s: " + tookMs);
        for (int shard : orphaned) {
            Lease lease = cluster.client.leases().inNamespace("spark-operator").withName(a.shardLeaseName(shard)).get();
            assertEquals("replica-a", lease.getSpec().getHolderIdentity());
            assertTrue(lease.getSpec().getLeaseTransitions() >= 1, "a take-over counts as a transition");
        }
    }

    @Test
    void aShardIsReleasedOnlyAfterItsRunningPassEnded() throws Exception {
        ShardGate gateA = new ShardGate(FAST.shards());
        ShardLeases a = new ShardLeases(cluster.newClient(), FAST, "replica-a", gateA, null);
        a.start();
        started.add(a);
        waitFor(() -> a.heldShards().size() == 8);
        // A pass of some key of shard 7 that blocks until released.
        ResourceKey key = keyOfShard(7);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        Reconciler blocking = gateA.guard(k -> {
            ran.set(true);
            release.await();
            return ReconcileResult.done();
        }, k -> k);
        Thread pass = Thread.ofVirtual().start(() -> {
            try {
                blocking.reconcile(key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor(ran::get);
        ShardLeases b = replica("replica-b");
        waitFor(() -> b.heldShards().size() == 3);
        Thread.sleep(FAST.retryPeriod().toMillis() * 5);
        assertTrue(a.heldShards().contains(7), "shard 7 is kept while its pass runs: " + a.heldShards());
        assertFalse(gateA.admits(key), "but no new pass of it starts");
        assertFalse(b.heldShards().contains(7));
        release.countDown();
        pass.join();
        waitForSplit(List.of(a, b), 4, 4);
        assertTrue(b.heldShards().contains(7) || a.heldShards().contains(7));
    }

    @Test
    void aReplicaCutOffFromTheApiServerStopsItsPassesBeforeAnyoneElseMayTakeItsShards() throws Exception {
        ShardGate gateA = new ShardGate(FAST.shards());
        var clientA = cluster.newClient();
        ShardLeases a = new ShardLeases(clientA, FAST, "replica-a", gateA, null);
        a.start();
        started.add(a);
        waitFor(() -> a.heldShards().size() == 8);
        ResourceKey key = keyOfShard(0);
        AtomicBoolean running = new AtomicBoolean();
        long[] passEnded = new long[1];
        Reconciler endless = gateA.guard(k -> {
            running.set(true);
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } finally {
                passEnded[0] = System.nanoTime();
            }
            return ReconcileResult.done();
        }, k -> k);
        Thread pass = Thread.ofVirtual().start(() -> {
            try {
                endless.reconcile(key);
            } catch (Exception e) {
                // interrupted by the fence
            }
        });
        waitFor(running::get);
        long cut = System.nanoTime();
        clientA.close(); // every call of replica-a fails from now on, as in a network partition
        ShardLeases b = replica("replica-b");
        pass.join(Duration.ofSeconds(10));
        assertFalse(pass.isAlive(), "the pass was interrupted");
        long stoppedMs = (passEnded[0] - cut) / 1_000_000;
        assertTrue(stoppedMs <= FAST.renewDeadline().toMillis() + FAST.retryPeriod().toMillis(),
                "stopped within the renew deadline: " + stoppedMs + " ms");
        assertFalse(gateA.admits(key));
        waitFor(() -> b.heldShards().contains(0), Duration.ofSeconds(15));
        long takenMs = (System.nanoTime() - cut) / 1_000_000;
        assertTrue(takenMs > stoppedMs, "taken (" + takenMs + " ms) only after the pass had stopped (" + stoppedMs
                + " ms)");
        assertTrue(takenMs >= FAST.leaseDuration().toMillis() - FAST.retryPeriod().toMillis(),
                "taken only once the Lease expired: " + takenMs + " ms");
    }

    @Test
    void aReplicaWithAnotherShardCountTakesNothingUntilTheOldOnesAreGone() throws Exception {
        ShardLeases old = replica("replica-old");
        waitFor(() -> old.heldShards().size() == 8);
        LeaderElectionOptions four = FAST.withShards(4);
        ShardLeases next = new ShardLeases(cluster.newClient(), four, "replica-new", new ShardGate(4), null);
        next.start();
        started.add(next);
        Thread.sleep(FAST.leaseDuration().toMillis());
        assertEquals(List.of(), next.heldShards(), "the two mappings overlap: no shard while the old replica lives");
        assertEquals(8, old.heldShards().size(), "the old one keeps what it holds");
        old.close();
        waitFor(() -> next.heldShards().size() == 4);
    }

    @Test
    void theFirstPassAfterAShardOpensReadsLiveAndLaterOnesDoNot() throws Exception {
        ShardGate gate = new ShardGate(4);
        ResourceKey key = new ResourceKey("default", "spark-pi");
        List<Boolean> live = new ArrayList<>();
        Reconciler pass = gate.guard(k -> {
            live.add(gate.mustReadLive(k));
            return ReconcileResult.done();
        }, k -> k);
        pass.reconcile(key);
        assertEquals(List.of(), live, "no pass while the shard is not held");
        gate.open(gate.shardOf(key));
        pass.reconcile(key);
        pass.reconcile(key);
        gate.close(gate.shardOf(key));
        gate.open(gate.shardOf(key));
        pass.reconcile(key);
        assertEquals(List.of(true, false, true), live);
    }

    private void waitForSplit(List<ShardLeases> live, int high, int low) throws InterruptedException {
        waitFor(() -> {
            Set<Integer> all = new HashSet<>();
            int total = 0;
            for (ShardLeases r : live) {
                int held = r.heldShards().size();
                if (held < low || held > high) {
                    return false;
                }
                total += held;
                all.addAll(r.heldShards());
            }
            return total == FAST.shards() && all.size() == FAST.shards();
        }, Duration.ofSeconds(15));
    }

    private static ResourceKey keyOfShard(int shard) {
        for (int i = 0; ; i++) {
            ResourceKey key = new ResourceKey("default", "app-" + i);
            if (ShardHash.shardOf(key, FAST.shards()) == shard) {
                return key;
            }
        }
    }
}
