package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.hardening.FaultyApiServer.Call;
import io.sparkoperator.hardening.FaultyApiServer.Fault;
import io.sparkoperator.runtime.LeaderElectionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around a whole lifecycle on the CRUD mock, the operator wired as in production: API errors and timeouts on
 * status writes and pod reads, dropped watches with a forced relist, an operator killed between spark-submit and
 * the status write, and a leader change between two replicas. Each must end with the application COMPLETED through
 * every state a fault-free run goes through, with exactly one driver.
 */
class FaultsEndToEndTest {
    static final String NS = "default";
    /** What a fault-free run of spark-pi writes, one transition at a time (the kubelet steps only when told). */
    static final List<AppState> CLEAN_RUN = List.of(AppState.SUBMITTED, AppState.RUNNING, AppState.SUCCEEDING,
            AppState.COMPLETED);

    @TempDir
    Path dir;
    private FaultyApiServer api;
    private KubernetesClient client;
    private Cluster cluster;
    private Kubelet kubelet;
    private final List<HardenedOperator> operators = new ArrayList<>();

    @BeforeEach
    void start() {
        api = new FaultyApiServer();
        client = api.newTestClient();
        cluster = new Cluster(client);
        kubelet = new Kubelet(client);
    }

    @AfterEach
    void stop() throws Exception {
        kubelet.close();
        operators.forEach(HardenedOperator::close);
        api.close();
    }

    private HardenedOperator operator(String identity, LeaderElectionOptions election) throws Exception {
        HardenedOperator o = new HardenedOperator(api.newClient(), dir.resolve(identity),
                HardenedOperator.Settings.defaults().identity(identity, election));
        operators.add(o);
        return o.start();
    }

    private void awaitState(String name, AppState state) {
        Await.until(() -> cluster.state(NS, name) == state, () -> name + " " + state + ", got "
                + cluster.status(NS, name).applicationState());
    }

    /** The transitions the operator wrote equal a fault-free run's (its listener hears of a write just after it). */
    private static void awaitCleanRun(HardenedOperator operator, String name) {
        Await.until(Duration.ofSeconds(10), () -> operator.transitions(NS, name).equals(CLEAN_RUN),
                () -> "transitions " + CLEAN_RUN + ", got " + operator.transitions(NS, name));
    }

    /** Runs app {@code name} to COMPLETED, stepping the kubelet only once each state is stored. */
    private void runToCompletion(String name, Runnable beforeEachStep) {
        beforeEachStep.run();
        cluster.createSparkPi(name);
        awaitState(name, AppState.SUBMITTED);
        beforeEachStep.run();
        kubelet.step(NS, name + "-driver", "Running");
        awaitState(name, AppState.RUNNING);
        beforeEachStep.run();
        kubelet.step(NS, name + "-driver", "Succeeded");
        awaitState(name, AppState.COMPLETED);
    }

    private static Predicate<Call> statusWriteOf(String app) {
        return c -> c.method().equals("PUT") && c.path().endsWith("/sparkapplications/" + app + "/status");
    }

    private static final Predicate<Call> POD_WATCH = c -> c.path().contains("/pods?") && c.isWatch();
    private static final Predicate<Call> POD_READS = c -> c.method().equals("GET") && c.path().contains("/pods")
            && !c.isWatch();

    @Test
    void aFaultFreeRunGoesThroughEveryState() throws Exception {
        HardenedOperator operator = operator("solo", LeaderElectionOptions.defaults());
        runToCompletion("pi", () -> { });
        awaitCleanRun(operator, "pi");
        assertEquals(List.of(NS + "/pi-driver"), operator.submit.driversCreated);
    }

    @Test
    void serverErrorsThrottlingAndTimeoutsOnStatusWritesAndPodReadsLoseNoTransition() throws Exception {
        HardenedOperator operator = operator("solo", LeaderElectionOptions.defaults());
        List<Fault> faults = new ArrayList<>();
        List<Fault> compactions = new ArrayList<>();
        runToCompletion("pi", () -> {
            faults.add(api.inject("status 500", statusWriteOf("pi"), 500, 2));
            faults.add(api.inject("status 429", statusWriteOf("pi"), 429, 2));
            faults.add(api.inject("status timeout", statusWriteOf("pi"), 0, 1));
            // Pod reads: the informer's watch reconnects into errors, then into a compacted history, then a relist
            // that fails too before it succeeds.
            faults.add(api.inject("pods watch 500", POD_WATCH, 500, 2));
            faults.add(api.inject("pods watch 429", POD_WATCH, 429, 1));
            compactions.add(api.compactHistory());
            faults.add(api.inject("pods list 500", POD_READS, 500, 1));
            faults.add(api.inject("pods list 429", POD_READS, 429, 1));
            faults.add(api.inject("pods list timeout", POD_READS, 0, 1));
            api.dropWatches();
        });
        awaitCleanRun(operator, "pi");
        assertEquals(List.of(NS + "/pi-driver"), operator.submit.driversCreated, "one driver");
        // The informers reconnect with a backoff: the last step's faults may still be ahead of them. They must get
        // through all of them (and so keep following pods) without a restart.
        Await.until(Duration.ofSeconds(60), () -> faults.stream().allMatch(f -> f.left.get() == 0),
                () -> "every injected fault hit; left: " + faults.stream().filter(f -> f.left.get() > 0)
                        .map(f -> f.name).distinct().toList());
        assertTrue(compactions.stream().allMatch(f -> f.hits() > 0), "every compaction forced a 410");
        System.out.println("faults survived: " + (faults.stream().mapToInt(Fault::hits).sum()
                + compactions.stream().mapToInt(Fault::hits).sum()));
    }

    @Test
    void aCompletionWhileTheWatchesAreDownIsSeenAfterTheRelist() throws Exception {
        HardenedOperator operator = operator("solo", LeaderElectionOptions.defaults());
        cluster.createSparkPi("pi");
        awaitState("pi", AppState.SUBMITTED);
        kubelet.step(NS, "pi-driver", "Running");
        awaitState("pi", AppState.RUNNING);
        // A reconnecting watch is told its resourceVersion is too old (as after etcd compaction): a full relist.
        Fault gone = api.compactHistory();
        api.dropWatches();
        kubelet.step(NS, "pi-driver", "Succeeded");
        awaitState("pi", AppState.COMPLETED);
        assertTrue(gone.hits() > 0, "the informers reconnected through 410 Gone");
        awaitCleanRun(operator, "pi");
        assertEquals(List.of(NS + "/pi-driver"), operator.submit.driversCreated);
    }

    @Test
    void anOperatorKilledBetweenSparkSubmitAndTheStatusWriteIsFollowedByOneThatAdoptsTheDriver() throws Exception {
        HardenedOperator first = operator("first", LeaderElectionOptions.defaults());
        first.submit.hangAfterCreate = new CountDownLatch(1);
        cluster.createSparkPi("pi");
        Await.until(() -> !first.submit.driversCreated.isEmpty(), () -> "the driver was created");
        first.crash();
        assertEquals(AppState.NEW, cluster.state(NS, "pi"), "the crash left the pre-submit state");

        HardenedOperator second = operator("second", LeaderElectionOptions.defaults());
        awaitState("pi", AppState.SUBMITTED);
        kubelet.step(NS, "pi-driver", "Running");
        awaitState("pi", AppState.RUNNING);
        kubelet.step(NS, "pi-driver", "Succeeded");
        awaitState("pi", AppState.COMPLETED);
        assertEquals(0, second.submit.scriptRuns(), "the second operator adopted, it did not run spark-submit");
        assertEquals(1, client.pods().inNamespace(NS).list().getItems().size(), "exactly one driver");
        assertEquals(1, cluster.status(NS, "pi").executionAttempts());
    }

    @Test
    void withTwoReplicasALeaderChangeNeverSubmitsTwice() throws Exception {
        LeaderElectionOptions election = new LeaderElectionOptions(true, "spark-operator-lock", NS,
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));
        HardenedOperator a = operator("replica-a", election);
        Await.until(a.gate::isLeader, () -> "replica-a leads");
        HardenedOperator b = operator("replica-b", election);
        for (String app : List.of("app-0", "app-1", "app-2")) {
            cluster.createSparkPi(app);
            awaitState(app, AppState.SUBMITTED);
            kubelet.step(NS, app + "-driver", "Running");
            awaitState(app, AppState.RUNNING);
        }
        assertEquals(0, b.submit.scriptRuns(), "the standby does nothing");

        a.crash();
        Await.until(b.gate::isLeader, () -> "replica-b takes over");
        Await.until(b.runtime::isReady, () -> "replica-b synced its caches");
        for (String app : List.of("app-0", "app-1", "app-2")) {
            kubelet.step(NS, app + "-driver", "Succeeded");
            awaitState(app, AppState.COMPLETED);
        }
        cluster.createSparkPi("app-3");
        awaitState("app-3", AppState.SUBMITTED);
        assertEquals(3, a.submit.scriptRuns(), "replica-a submitted the first three");
        assertEquals(1, b.submit.scriptRuns(), "replica-b submitted only the one created after the change");
        assertEquals(4, client.pods().inNamespace(NS).list().getItems().size(), "one driver per app");
    }
}
