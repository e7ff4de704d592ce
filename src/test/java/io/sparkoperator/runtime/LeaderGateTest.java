package io.sparkoperator.runtime;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.testing.MockCluster;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaderGateTest {
    private static final LeaderElectionOptions FAST = new LeaderElectionOptions(true, "spark-operator-lock",
            "spark-operator", Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));

    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    static final class CountingWork implements LeaderGate.Work {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public void start() {
            starts.incrementAndGet();
        }

        @Override
        public void stopNow() {
            stops.incrementAndGet();
        }

        boolean running() {
            return starts.get() > stops.get();
        }
    }

    @Test
    void onlyOneInstanceWorksAndTheOtherTakesOverWhenTheLeaseIsReleased() throws Exception {
        CountingWork workA = new CountingWork();
        CountingWork workB = new CountingWork();
        KubernetesClient clientB = cluster.newClient();
        LeaderGate a = new LeaderGate(cluster.client, FAST, "operator-a", workA);
        LeaderGate b = new LeaderGate(clientB, FAST, "operator-b", workB);
        a.start();
        waitFor(a::isLeader);
        b.start();
        Thread.sleep(1000);
        assertFalse(b.isLeader());
        assertEquals(0, workB.starts.get());
        assertEquals("operator-a", lease().getSpec().getHolderIdentity());

        a.close();
        waitFor(b::isLeader);
        waitFor(() -> workB.starts.get() == 1);
        assertFalse(workA.running());
        assertFalse(a.lost().isDone(), "a released lease on close is not a loss");
        b.close();
        clientB.close();
    }

    @Test
    void losingTheLeaseStopsWorkAtOnceAndSignalsTheLoss() throws Exception {
        CountingWork work = new CountingWork();
        LeaderGate gate = new LeaderGate(cluster.client, FAST, "operator-a", work);
        gate.start();
        waitFor(() -> work.starts.get() == 1);

        // Another replica takes the lease over (e.g. after a network partition healed).
        for (int attempt = 0; ; attempt++) {
            Lease stolen = lease();
            stolen.getSpec().setHolderIdentity("operator-z");
            stolen.getSpec().setRenewTime(ZonedDateTime.now().plusHours(1));
            stolen.getSpec().setLeaseDurationSeconds(3600);
            try {
                cluster.client.leases().inNamespace("spark-operator").resource(stolen).update();
                break;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 50) {
                    throw e; // the holder renews every 200 ms; retry on its conflicts
                }
            }
        }

        assertEquals("lost the Lease spark-operator/spark-operator-lock", gate.lost().get(10,
                java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, work.stops.get());
        assertFalse(gate.isLeader());
        gate.close();
    }

    @Test
    void withoutLeaderElectionWorkStartsAtOnce() {
        CountingWork work = new CountingWork();
        LeaderGate gate = new LeaderGate(cluster.client, LeaderElectionOptions.defaults(), "solo", work);
        gate.start();
        assertTrue(gate.isLeader());
        assertEquals(1, work.starts.get());
    }

    private Lease lease() {
        return cluster.client.leases().inNamespace("spark-operator").withName("spark-operator-lock").get();
    }
}
