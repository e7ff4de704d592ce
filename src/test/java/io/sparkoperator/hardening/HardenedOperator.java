package io.sparkoperator.hardening;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.Controllers;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.batch.BatchScheduling;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.DelayScheduler;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.LeaderGate;
import io.sparkoperator.runtime.ReconcileObserver;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.scheduled.RunLinks;
import io.sparkoperator.scheduled.ScheduledSparkApplicationReconciler;
import io.sparkoperator.sparkapp.ApplicationListener;
import io.sparkoperator.sparkapp.SparkApplicationReconciler;
import io.sparkoperator.sparkconnect.SparkConnectController;
import io.sparkoperator.sparkconnect.SparkConnectReconciler;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.StateMachineConfig;
import io.sparkoperator.ui.UiServiceOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One operator instance wired as {@code Operator} wires it (state machine, reconcilers, runtime with informers,
 * leader gate, event recorder, the real submitter) against a mock API server, on real time, with the fake
 * spark-submit of {@link EmulatedSparkSubmit}. Records every status transition it writes.
 */
final class HardenedOperator implements AutoCloseable {
    static final String MASTER = "k8s://https://10.96.0.1:443";

    final EmulatedSparkSubmit submit;
    final Controllers runtime;
    final SparkConnectController connect;
    final LeaderGate gate;
    final Map<ResourceKey, List<AppState>> transitions = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** How the fake spark-submit behaves and what the operator exposes. */
    record Settings(String identity, LeaderElectionOptions election, UiServiceOptions ui, String sparkSubmitBody,
            Duration submitTimeout, BatchSettings batch) {
        static Settings defaults() {
            return new Settings("operator", LeaderElectionOptions.defaults(), UiServiceOptions.defaults(), "exit 0",
                    Duration.ofSeconds(30), BatchSettings.disabled());
        }

        Settings identity(String value, LeaderElectionOptions leaderElection) {
            return new Settings(value, leaderElection, ui, sparkSubmitBody, submitTimeout, batch);
        }

        Settings sparkSubmit(String body, Duration timeout) {
            return new Settings(identity, election, ui, body, timeout, batch);
        }

        Settings ui(UiServiceOptions value) {
            return new Settings(identity, election, value, sparkSubmitBody, submitTimeout, batch);
        }

        Settings batch(BatchSettings value) {
            return new Settings(identity, election, ui, sparkSubmitBody, submitTimeout, value);
        }
    }

    HardenedOperator(KubernetesClient client, Path dir, Settings settings) throws Exception {
        Clock clock = Clock.systemUTC();
        String identity = settings.identity();
        submit = new EmulatedSparkSubmit(client, dir, MASTER, settings.sparkSubmitBody(), settings.submitTimeout());
        StateMachine machine = new StateMachine(StateMachineConfig.defaults(), clock, () -> UUID.randomUUID().toString());
        ApplicationListener listener = new ApplicationListener() {
            @Override
            public void statusWritten(SparkApplication app, SparkApplicationStatus before,
                    SparkApplicationStatus after) {
                if (before == null || before.state() != after.state()) {
                    transitions.computeIfAbsent(ResourceKey.of(app), k -> new CopyOnWriteArrayList<>())
                            .add(after.state());
                }
            }
        };
        EventRecorder events = new EventRecorder(client, clock, identity);
        SparkApplicationReconciler.Parts parts = new SparkApplicationReconciler.Parts(client, machine, submit,
                events, settings.ui(), app -> Optional.empty(),
                listener, () -> stopping, new BatchScheduling(client, settings.batch()));
        runtime = new Controllers(client, new Controllers.Settings(List.of(), null, Duration.ofSeconds(20),
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1))),
                (caches, specChanges) -> new SparkApplicationReconciler(parts, caches, specChanges),
                new ScheduledSparkApplicationReconciler(client, clock), RunLinks::parentKeyOf,
                Controllers.Observers.none(), Controllers.Watchers.none());
        connect = new SparkConnectController(client, new SparkConnectController.Settings(List.of(),
                Duration.ofSeconds(20), new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
                DelayScheduler::system, Controllers.Settings.DEFAULT_MAX_PASS_TIME, 4),
                caches -> new SparkConnectReconciler(client, caches, events, clock, MASTER), ReconcileObserver.none());
        gate = new LeaderGate(client, settings.election(), identity, LeaderGate.Work.all(
                runtime.asLeaderWork(Duration.ofSeconds(5)), connect.asLeaderWork(Duration.ofSeconds(5))));
    }

    HardenedOperator(KubernetesClient client, Path dir) throws Exception {
        this(client, dir, Settings.defaults());
    }

    HardenedOperator start() {
        gate.start();
        return this;
    }

    List<AppState> transitions(String namespace, String name) {
        return transitions.getOrDefault(new ResourceKey(namespace, name), List.of());
    }

    /** As on SIGTERM: running passes may finish. */
    @Override
    public void close() {
        stopping = true;
        runtime.stop(Duration.ofSeconds(5), false);
        connect.stop(Duration.ofSeconds(5), false);
        submit.close();
        gate.close();
    }

    /** Dies at once, as a killed pod would: running passes are interrupted and write nothing more. */
    void crash() {
        stopping = true;
        runtime.stop(Duration.ofSeconds(5), true);
        connect.stop(Duration.ofSeconds(5), true);
        submit.close();
        gate.close();
    }
}
