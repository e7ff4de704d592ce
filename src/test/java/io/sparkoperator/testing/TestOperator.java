package io.sparkoperator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.Controllers;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.batch.BatchScheduling;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.LeaderGate;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.scheduled.RunLinks;
import io.sparkoperator.scheduled.ScheduledSparkApplicationReconciler;
import io.sparkoperator.sparkapp.ApplicationListener;
import io.sparkoperator.sparkapp.SparkApplicationReconciler;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.StateMachineConfig;
import io.sparkoperator.ui.UiServiceOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One operator instance wired as Main wires it (both reconcilers), with a fake spark-submit and time running 50x
 * faster.
 */
public final class TestOperator implements AutoCloseable {
    public static final long WARP = 50;

    public final FakeSparkSubmit submit;
    public final WarpTime clock = new WarpTime(WARP);
    public final Map<ResourceKey, List<AppState>> states = new ConcurrentHashMap<>();
    public final Controllers runtime;
    public final LeaderGate gate;
    private volatile boolean stopping;

    public TestOperator(KubernetesClient client, String identity, LeaderElectionOptions election, UiServiceOptions ui,
            StateMachineConfig config) {
        this(client, identity, election, ui, config, BatchSettings.disabled());
    }

    public TestOperator(KubernetesClient client, BatchSettings batch) {
        this(client, "operator", LeaderElectionOptions.defaults(), UiServiceOptions.defaults(),
                StateMachineConfig.defaults(), batch);
    }

    public TestOperator(KubernetesClient client, String identity, LeaderElectionOptions election, UiServiceOptions ui,
            StateMachineConfig config, BatchSettings batch) {
        submit = new FakeSparkSubmit(client);
        StateMachine machine = new StateMachine(config, clock, () -> UUID.randomUUID().toString());
        ApplicationListener listener = new ApplicationListener() {
            @Override
            public void statusWritten(SparkApplication app, SparkApplicationStatus before,
                    SparkApplicationStatus after) {
                states.computeIfAbsent(ResourceKey.of(app), k -> new CopyOnWriteArrayList<>()).add(after.state());
            }
        };
        SparkApplicationReconciler.Parts parts = new SparkApplicationReconciler.Parts(client, machine, submit,
                new EventRecorder(client, clock, identity), ui, app -> Optional.empty(), listener, () -> stopping,
                new BatchScheduling(client, batch));
        runtime = new Controllers(client, new Controllers.Settings(List.of(), null, Duration.ofSeconds(20),
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2)), clock::scheduler,
                Controllers.Settings.DEFAULT_MAX_PASS_TIME,
                Controllers.Settings.DEFAULT_MAX_CONCURRENT_RECONCILES),
                (caches, specChanges) -> new SparkApplicationReconciler(parts, caches, specChanges),
                new ScheduledSparkApplicationReconciler(client, clock), RunLinks::parentKeyOf,
                Controllers.Observers.none(),
                Controllers.Watchers.none());
        gate = new LeaderGate(client, election, identity, runtime.asLeaderWork(Duration.ofSeconds(5)));
    }

    public TestOperator(KubernetesClient client) {
        this(client, "operator", LeaderElectionOptions.defaults(), UiServiceOptions.defaults(),
                StateMachineConfig.defaults());
    }

    public TestOperator start() {
        gate.start();
        return this;
    }

    public List<AppState> states(String namespace, String name) {
        return states.getOrDefault(new ResourceKey(namespace, name), List.of());
    }

    /** Stops as on SIGTERM: no new work, running passes may finish. */
    @Override
    public void close() {
        stopping = true;
        runtime.stop(Duration.ofSeconds(5), false);
        gate.close();
    }

    /** Dies at once, as a killed pod would (running passes are interrupted, nothing more is written). */
    public void crash() {
        stopping = true;
        runtime.stop(Duration.ofSeconds(5), true);
        gate.close();
    }
}
