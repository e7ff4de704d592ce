package io.sparkoperator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.Controllers;
import io.sparkoperator.batch.BatchScheduling;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.runtime.ShardLeases;
import io.sparkoperator.scheduled.RunLinks;
import io.sparkoperator.scheduled.ScheduledSparkApplicationReconciler;
import io.sparkoperator.sparkapp.ApplicationListener;
import io.sparkoperator.sparkapp.SparkApplicationReconciler;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.StateMachineConfig;
import io.sparkoperator.ui.IngressOptions;
import io.sparkoperator.ui.UiServiceOptions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One active-active replica wired as Operator wires it with {@code --shards} above 1 (informers over everything, a
 * {@link ShardGate} in front of both reconcilers, {@link ShardLeases}), with a fake spark-submit, warped time for
 * the state machine and every admitted pass recorded in a shared {@link PassLog}.
 */
public final class ShardedReplica implements AutoCloseable {
    /** One reconciliation that ran: which replica, which object, when (System.nanoTime). */
    public record Pass(String replica, String kind, ResourceKey key, long start, long end) {
    }

    /** A replica began to take a shard (its Lease acquired, before the shard opens): System.nanoTime. */
    public record Taken(String replica, int shard, long at) {
    }

    /** Every pass of every replica of one test, and every shard each replica took. */
    public static final class PassLog {
        public final ConcurrentLinkedQueue<Pass> passes = new ConcurrentLinkedQueue<>();
        public final ConcurrentLinkedQueue<Taken> taken = new ConcurrentLinkedQueue<>();

        /** Who had taken the shard most recently at that moment: the only replica allowed to run its passes. */
        public Optional<String> holderAt(int shard, long at) {
            return taken.stream().filter(t -> t.shard() == shard && t.at() <= at)
                    .max(Comparator.comparingLong(Taken::at)).map(Taken::replica);
        }

        Reconciler recording(String replica, String kind, Reconciler inner) {
            return key -> {
                long start = System.nanoTime();
                try {
                    return inner.reconcile(key);
                } finally {
                    passes.add(new Pass(replica, kind, key, start, System.nanoTime()));
                }
            };
        }
    }

    public final String identity;
    public final FakeSparkSubmit submit;
    public final Controllers runtime;
    public final ShardGate gate;
    public final ShardLeases leases;
    private volatile boolean stopping;

    /**
     * @param eventsClient where Events go (a test with thousands of apps sends them to a second mock: the CRUD mock
     *        scans every stored object on each request)
     */
    public ShardedReplica(KubernetesClient client, KubernetesClient eventsClient, String identity,
            LeaderElectionOptions election, PassLog log) {
        this.identity = identity;
        WarpTime clock = new WarpTime(TestOperator.WARP);
        submit = new FakeSparkSubmit(client);
        StateMachine machine = new StateMachine(StateMachineConfig.defaults(), clock, () -> UUID.randomUUID().toString());
        EventRecorder events = new EventRecorder(eventsClient, clock, identity);
        SparkApplicationReconciler.Parts parts = new SparkApplicationReconciler.Parts(client, machine, submit, events,
                new UiServiceOptions(false, true, IngressOptions.none()), app -> Optional.empty(),
                new ApplicationListener() { }, () -> stopping,
                new BatchScheduling(client, BatchSettings.disabled()));
        Reconciler scheduled = log.recording(identity, "ScheduledSparkApplication",
                new ScheduledSparkApplicationReconciler(client, clock, java.time.ZoneOffset.UTC,
                        ScheduledSparkApplicationReconciler.recordedBy(events), election.shards()));
        runtime = new Controllers(client, new Controllers.Settings(List.of(), null, Duration.ofSeconds(30),
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)), clock::scheduler,
                Controllers.Settings.DEFAULT_MAX_PASS_TIME, Controllers.Settings.DEFAULT_MAX_CONCURRENT_RECONCILES),
                (caches, specChanges) -> log.recording(identity, "SparkApplication",
                        new SparkApplicationReconciler(parts, caches, specChanges)),
                scheduled, RunLinks::parentKeyOf, Controllers.Observers.none(), Controllers.Watchers.none());
        gate = new ShardGate(election.shards());
        // (a preparer runs when the Lease is acquired, before the shard opens: after the previous holder let go)
        gate.prepareWith(shard -> {
            log.taken.add(new Taken(identity, shard, System.nanoTime()));
            return CompletableFuture.completedFuture(null);
        });
        runtime.shardedBy(gate).lingerReleasedShardWatches(Duration.ofMinutes(10));
        leases = new ShardLeases(client, election, identity, gate, events);
    }

    /** As Operator.start: caches synced first, then the Leases. */
    public ShardedReplica start() throws Exception {
        runtime.start();
        leases.start();
        return this;
    }

    /**
     * SIGTERM: running passes finish, then every shard and the member Lease are released. The informers watch on
     * until {@link #stopWatching()}: fabric8's mock blocks its only event loop while it drains a closed watch's
     * backlog (up to a minute in a burst), which would stall every other replica; a real API server does not.
     */
    @Override
    public void close() {
        stopping = true;
        runtime.stopReconciling(Duration.ofSeconds(10), false);
        leases.close();
    }

    /** A killed pod: renewals stop, running passes are cut short, the Leases are left to expire. */
    public void kill() {
        stopping = true;
        leases.abandon();
        runtime.stopReconciling(Duration.ofSeconds(5), true);
    }

    /** Ends the informers (after the burst; see {@link #close()}). */
    public void stopWatching() {
        runtime.stopWatching();
    }

    public List<Integer> held() {
        return leases.heldShards();
    }

}
