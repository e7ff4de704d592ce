package io.sparkoperator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sparkoperator.batch.BatchScheduling;
import io.sparkoperator.config.BindAddress;
import io.sparkoperator.config.OperatorConfig;
import io.sparkoperator.logging.LogContext;
import io.sparkoperator.metrics.EndpointSettings;
import io.sparkoperator.metrics.OperatorEndpoints;
import io.sparkoperator.metrics.OperatorMetrics;
import io.sparkoperator.metrics.PrometheusConfigMap;
import io.sparkoperator.metrics.Readiness;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.DelayScheduler;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.LeaderGate;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.runtime.ShardLeases;
import io.sparkoperator.scheduled.RunLinks;
import io.sparkoperator.scheduled.ScheduledSparkApplicationReconciler;
import io.sparkoperator.sparkconnect.SparkConnectController;
import io.sparkoperator.sparkconnect.SparkConnectReconciler;
import io.sparkoperator.sparkapp.SparkApplicationReconciler;
import io.sparkoperator.sparkapp.SparkCaches;
import io.sparkoperator.sparkapp.SparkSubmission;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.StateMachineConfig;
import io.sparkoperator.submit.ArgumentOptions;
import io.sparkoperator.submit.MasterUrl;
import io.sparkoperator.submit.Submitter;
import io.sparkoperator.submit.SubmitterConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The running operator: the Kubernetes client, the submitter, metrics and health endpoints, and the controller
 * runtime behind the leader gate. {@link #shutdown()} is the SIGTERM path: stop taking work, let running
 * spark-submits finish up to {@code --shutdown-timeout}, kill the rest, give the Lease up, close the endpoints.
 */
public final class Operator {
    private static final System.Logger LOG = System.getLogger(Operator.class.getName());
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final int REQUEST_RETRIES = 3;

    private final OperatorConfig config;
    private final KubernetesClient client;
    private final Submitter submitter;
    private volatile Controllers runtime;
    private volatile SparkConnectController connect;
    private final LeaderGate gate;
    /** Active-active ({@code --shards} above 1): the shard Leases; null with one shard (leader election). */
    private final ShardLeases shards;
    private final OperatorEndpoints endpoints;
    private volatile boolean stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Operator(OperatorConfig config, Map<String, String> env, KubernetesClient client,
            UnaryOperator<SubmitterConfig> submitterSettings) throws Exception {
        this.config = config;
        Clock clock = Clock.systemUTC();
        String identity = env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME", "spark-operator")) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        this.client = client;
        submitter = new Submitter(submitterSettings.apply(submitterConfig(config, env)), config.submissionWorker());
        OperatorMetrics metrics = new OperatorMetrics(config.metrics(),
                () -> cached(SparkCaches::typedApps), () -> cached(SparkCaches::executorPods));
        MetricsWiring wiring = new MetricsWiring(metrics, clock);
        StateMachine machine = new StateMachine(new StateMachineConfig(config.driverPodCreationGracePeriod(),
                Duration.ofSeconds(config.defaultTimeToLiveSeconds()), config.maxTrackedExecutorPerApp(),
                config.uiService().deleteOnTermination(), StateMachineConfig.DEFAULT_DELETION_POLL,
                config.apiServerUnavailableTimeout()), clock,
                () -> UUID.randomUUID().toString());
        AtomicInteger submitting = new AtomicInteger();
        SparkSubmission submission = (app, submissionId) -> {
            submitting.incrementAndGet();
            try {
                return submitter.submit(app, submissionId);
            } finally {
                submitting.decrementAndGet();
            }
        };
        var appMetrics = metrics.controller().register("sparkapplication", () -> runtime == null ? 0
                : runtime.queuedAppKeys());
        EventRecorder events = new EventRecorder(client, clock, identity);
        SparkApplicationReconciler.Parts parts = new SparkApplicationReconciler.Parts(client, machine,
                submission, events, config.uiService(),
                PrometheusConfigMap::build, wiring.applications(appMetrics), () -> stopping,
                new BatchScheduling(client, config.batch()));
        var scheduledMetrics = metrics.controller().register("scheduledsparkapplication", () -> runtime == null ? 0
                : runtime.queuedScheduledKeys());
        Reconciler scheduled = new ScheduledSparkApplicationReconciler(client, clock, ZoneOffset.UTC,
                        ScheduledSparkApplicationReconciler.recordedBy(events), config.leaderElection().shards());
        // A pass may run one spark-submit (bounded by its timeout) plus a few API calls (each with a timeout).
        Duration maxPassTime = config.sparkSubmitTimeout().plus(Controllers.Settings.DEFAULT_MAX_PASS_TIME);
        runtime = new Controllers(client, new Controllers.Settings(config.namespaces(),
                config.labelSelectorFilter(), config.cacheSyncTimeout(), Backoff.defaults(), DelayScheduler::system,
                maxPassTime, config.controllerThreads()),
                (caches, specChanges) -> new SparkApplicationReconciler(parts, caches, specChanges),
                scheduled, RunLinks::parentKeyOf,
                new Controllers.Observers(wiring.reconciles(appMetrics), wiring.reconciles(scheduledMetrics)),
                wiring.watchers());
        var connectMetrics = metrics.controller().register("sparkconnect", () -> connect == null ? 0
                : connect.queuedKeys());
        String connectMaster = connectMasterUrl(env);
        connect = new SparkConnectController(client, new SparkConnectController.Settings(config.namespaces(),
                config.cacheSyncTimeout(), Backoff.defaults(), DelayScheduler::system,
                Controllers.Settings.DEFAULT_MAX_PASS_TIME, config.controllerThreads()),
                caches -> new SparkConnectReconciler(client, caches, events, clock, connectMaster),
                wiring.reconciles(connectMetrics));
        // spark-submit calls in progress (a call waiting for a free slot included)
        metrics.controller().trackSubmitProcesses(submitting::get, config.sparkSubmitConcurrency());
        metrics.controller().trackSubmissionWorkers(submitter::workerPids, submitter::workersStarted,
                submitter::workerFallbacks);
        LeaderElectionOptions election = config.leaderElection();
        LeaderGate.Work work = LeaderGate.Work.all(runtime.asLeaderWork(KILL_GRACE), connect.asLeaderWork(KILL_GRACE));
        if (election.sharded()) {
            // Every replica works from the start; the shard gate decides which apps it reconciles.
            LogContext.replica(identity);
            ShardGate shardGate = new ShardGate(election.shards());
            runtime.shardedBy(shardGate);
            connect.shardedBy(shardGate);
            shards = new ShardLeases(client, election, identity, shardGate, events);
            gate = new LeaderGate(client, LeaderElectionOptions.defaults(), identity, work);
            metrics.controller().trackShards(election.shards(), shards::shardLeaseName, shards::heldShards);
        } else {
            shards = null;
            gate = new LeaderGate(client, election, identity, work);
            metrics.controller().trackLeadership(election.lockName(), gate::isLeader);
        }
        metrics.controller().trackReadiness(this::isReady);
        endpoints = OperatorEndpoints.start(endpointSettings(config), metrics.registry(), new Readiness() {
            @Override
            public List<String> notReadyReasons() {
                return Operator.this.notReadyReasons();
            }

            @Override
            public List<String> details() {
                return shards == null ? List.of() : List.of(shardsLine());
            }
        });
    }

    /**
     * The client comes from the usual places (in-cluster service account, KUBECONFIG, ~/.kube/config). Public for
     * embedding (the playground), as is {@link #shutdown()}; {@link Main} is the usual way in.
     */
    public static Operator start(OperatorConfig config, Map<String, String> env) throws Exception {
        return start(config, env, new KubernetesClientBuilder().withConfig(clientConfig()).build(),
                UnaryOperator.identity());
    }

    /**
     * The usual client configuration with few HTTP-level retries: fabric8 retries a failed request 10 times
     * (about 100 s of back-off) before anyone hears of it, which hides an unreachable API server from the log and
     * from {@code /readyz}. Informers retry on their own and failed passes back off in the dispatcher.
     */
    static Config clientConfig() {
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        return config;
    }

    /** With a given client and submitter settings (tests run spark-submit against a mock API server). */
    static Operator start(OperatorConfig config, Map<String, String> env, KubernetesClient client,
            UnaryOperator<SubmitterConfig> submitterSettings) throws Exception {
        Operator operator = new Operator(config, env, client, submitterSettings);
        operator.gate.start();
        if (operator.gate.lost().isDone()) {
            // Without leader election the work started (or failed) inside gate.start(): fail start-up, say it once.
            operator.closeAfterFailedStart();
            throw new IllegalStateException(operator.gate.lost().getNow("the controllers failed to start"));
        }
        if (operator.shards != null) {
            operator.shards.start();
        }
        operator.gate.lost().thenAccept(reason -> {
            if (!operator.stopping) {
                LOG.log(Level.ERROR, () -> "stopping the operator: " + reason);
                // Exit off this thread: System.exit runs shutdown hooks, which call shutdown() and wait.
                Thread.ofPlatform().name("exit").start(() -> System.exit(1));
            }
        });
        return operator;
    }

    /** Ready: leading with synced caches; a standby replica is not ready (it serves nothing). */
    boolean isReady() {
        return notReadyReasons().isEmpty();
    }

    /** What {@code /readyz} says when not ready, one reason a line. */
    List<String> notReadyReasons() {
        if (stopping) {
            return List.of("shutting down");
        }
        if (shards == null && !gate.isLeader()) {
            return List.of("not the leader: waiting for the Lease " + config.leaderElection().lockNamespace() + "/"
                    + config.leaderElection().lockName());
        }
        List<String> reasons = new ArrayList<>(runtime.notReadyReasons());
        reasons.addAll(connect.notReadyReasons());
        return reasons;
    }

    /** What {@code /readyz} tells of this replica's shards. */
    private String shardsLine() {
        List<Integer> held = shards.heldShards();
        return "replica " + shards.identity() + " holds " + held.size() + " of " + config.leaderElection().shards()
                + " shards" + (held.isEmpty() ? "" : ": " + held.stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
    }

    /** Where the endpoints listen (port 0 in the flags picks a free one). */
    int metricsPort() {
        return endpoints.metricsPort();
    }

    int healthPort() {
        return endpoints.healthPort();
    }

    /** The SIGTERM path; idempotent. */
    public synchronized void shutdown() {
        if (stopping) {
            return;
        }
        stopping = true;
        LOG.log(Level.INFO, () -> "shutting down: waiting up to " + config.shutdownTimeout().toSeconds()
                + " s for running reconciliations and spark-submits");
        boolean idle = runtime.stop(config.shutdownTimeout(), false);
        connect.stop(KILL_GRACE, false);
        submitter.close();
        if (!idle) {
            LOG.log(Level.WARNING, "killed spark-submits still running at the shutdown timeout");
            runtime.stop(KILL_GRACE, true);
        }
        if (shards != null) {
            shards.close(); // every pass ended: hand the shards over now rather than after the lease duration
        }
        gate.close();
        endpoints.stop();
        client.close();
        LOG.log(Level.INFO, "stopped");
        stopped.countDown();
    }

    /** Releases what the constructor opened once the controllers could not start (they stopped themselves). */
    private void closeAfterFailedStart() {
        stopping = true;
        connect.stop(KILL_GRACE, true);
        submitter.close();
        gate.close();
        endpoints.stop();
        client.close();
        stopped.countDown();
    }

    /** Blocks until {@link #shutdown()} finished: keeps {@code main} alive, since the operator's threads are daemons. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** A view of the current term's caches for metrics gauges; empty before the caches exist. */
    private <T> List<T> cached(Function<SparkCaches, List<T>> view) {
        Controllers current = runtime;
        SparkCaches caches = current == null ? null : current.caches();
        return caches == null ? List.of() : view.apply(caches);
    }


    static SubmitterConfig submitterConfig(OperatorConfig config, Map<String, String> env) {
        if (config.sparkHome().isEmpty()) {
            throw new IllegalStateException("no Spark installation: set --spark-home or SPARK_HOME");
        }
        String master = config.sparkSubmitMaster().isEmpty() ? MasterUrl.inCluster(env) : config.sparkSubmitMaster();
        // With a UI Ingress behind a path, spark-submit sets spark.ui.proxyBase so the UI's links work there.
        boolean uiIngress = config.uiService().enabled() && config.uiService().ingress().enabled();
        return SubmitterConfig.defaults(Path.of(config.sparkHome()), master, config.workDir())
                .withTimeout(config.sparkSubmitTimeout())
                .withMaxConcurrentSubmits(config.sparkSubmitConcurrency())
                .withArguments(new ArgumentOptions(false, uiIngress ? config.uiService().ingress().urlFormat() : null));
    }

    /**
     * The {@code --master} of Spark Connect servers: they run in the cluster, so the in-cluster address of the API
     * server (as the Go operator takes it from its own environment), or the cluster DNS name when the operator runs
     * outside a pod.
     */
    static String connectMasterUrl(Map<String, String> env) {
        try {
            return MasterUrl.inCluster(env);
        } catch (IllegalStateException e) {
            return "k8s://https://kubernetes.default.svc:443";
        }
    }

    static EndpointSettings endpointSettings(OperatorConfig config) {
        BindAddress health = config.healthProbeBindAddress();
        return new EndpointSettings(config.metricsBindAddress().isPresent(),
                config.metricsBindAddress().map(BindAddress::bindHost).orElse(health.bindHost()),
                config.metricsBindAddress().map(BindAddress::port).orElse(EndpointSettings.DEFAULT_METRICS_PORT),
                config.metricsEndpoint(), health.port());
    }

}
