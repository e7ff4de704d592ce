package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.logging.LogContext;
import io.sparkoperator.logging.LogResource;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.DelayScheduler;
import io.sparkoperator.runtime.KeyEventHandler;
import io.sparkoperator.runtime.KeyedDispatcher;
import io.sparkoperator.runtime.LeaderGate;
import io.sparkoperator.runtime.ReconcileObserver;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ShardGate;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One working term of the SparkConnect controller, beside the SparkApplication controllers: its own caches and keyed
 * dispatcher on the generic runtime, started after its caches synced. Where the SparkConnect CRD is not installed
 * (a cluster upgraded with only the two v1beta2 CRDs) it says so once and stays idle instead of failing the operator.
 */
public final class SparkConnectController {
    private static final System.Logger LOG = System.getLogger(SparkConnectController.class.getName());
    public static final String KIND = "SparkConnect";

    /** What to watch and how to retry (the same settings as the SparkApplication controllers). */
    public record Settings(List<String> namespaces, Duration cacheSyncTimeout, Backoff backoff,
            Function<String, DelayScheduler> timers, Duration maxPassTime, int maxConcurrentReconciles) {
        public Settings {
            namespaces = List.copyOf(namespaces);
        }
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Function<ConnectCaches, Reconciler> reconciler;
    private final ReconcileObserver observer;
    private volatile ConnectCaches caches;
    private volatile KeyedDispatcher dispatcher;
    private DelayScheduler timers;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile boolean crdMissing;
    private volatile ShardGate shards;

    public SparkConnectController(KubernetesClient client, Settings settings,
            Function<ConnectCaches, Reconciler> reconciler, ReconcileObserver observer) {
        this.client = client;
        this.settings = settings;
        this.reconciler = reconciler;
        this.observer = observer;
    }

    /**
     * Active-active replicas: reconcile a SparkConnect only while this replica holds its shard (the hash of its
     * namespace/name, as for SparkApplications), and queue a shard's SparkConnects when it is taken over.
     */
    public SparkConnectController shardedBy(ShardGate gate) {
        this.shards = gate;
        return this;
    }

    /** Starts informers and, once they synced, reconciliation; blocks up to the cache sync timeout. */
    public synchronized void start() throws TimeoutException, InterruptedException {
        if (started || stopped) {
            throw new IllegalStateException("the SparkConnect controller runs once");
        }
        started = true;
        if (!crdInstalled()) {
            crdMissing = true;
            LOG.log(Level.WARNING, "the SparkConnect CRD (sparkconnects.sparkoperator.k8s.io) is not installed:"
                    + " SparkConnects are not managed; install crds/sparkoperator.k8s.io_sparkconnects.yaml and"
                    + " restart the operator");
            return;
        }
        timers = settings.timers().apply("spark-connect-timers");
        caches = new ConnectCaches(client, settings.namespaces());
        ShardGate gate = shards;
        Reconciler logged = reconciler.apply(caches);
        Reconciler pass = gate == null ? logged : gate.guard(logged, Function.identity());
        dispatcher = new KeyedDispatcher(KIND, key -> {
            try (LogContext.Scope scope = LogContext.open(new LogResource(KIND, key.namespace(), key.name()))) {
                return pass.reconcile(key);
            }
        }, settings.backoff(), timers, observer, settings.maxPassTime(), settings.maxConcurrentReconciles());
        dispatcher.pause();
        if (gate != null) {
            gate.onOpened(shard -> caches.connectKeys().stream().filter(key -> gate.shardOf(key) == shard)
                    .forEach(dispatcher::enqueue));
        }
        caches.onConnects(new KeyEventHandler<>(dispatcher::enqueue))
                .onPods(new ConnectPodEvents(dispatcher::enqueueUrgent));
        try {
            caches.startAndSync(settings.cacheSyncTimeout());
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException("cannot start watching SparkConnects at " + client.getMasterUrl() + ": "
                    + e.getMessage(), e);
        }
        dispatcher.resume();
    }

    /**
     * A 404 on listing SparkConnects means the API server does not serve the kind. Any other error (a slow or
     * restarting API server) is left to the informers, which retry until the cache sync timeout like every other
     * cache, instead of failing the start at once.
     */
    private boolean crdInstalled() {
        var all = client.resources(SparkConnect.class);
        try {
            (settings.namespaces().isEmpty() ? all.inAnyNamespace() : all.inNamespace(settings.namespaces().get(0)))
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false;
            }
            LOG.log(Level.DEBUG, () -> "could not check for the SparkConnect CRD, watching anyway: " + e.getMessage());
            return true;
        }
    }

    /** Stops taking work and waits up to {@code bound} for running passes (interrupting them with {@code interrupt}). */
    public synchronized boolean stop(Duration bound, boolean interrupt) {
        stopped = true;
        if (dispatcher == null) {
            return true;
        }
        boolean idle = dispatcher.stop(bound, interrupt);
        caches.stop();
        timers.close();
        return idle;
    }

    public LeaderGate.Work asLeaderWork(Duration killGrace) {
        return new LeaderGate.Work() {
            @Override
            public void start() throws Exception {
                SparkConnectController.this.start();
            }

            @Override
            public void stopNow() {
                stop(killGrace, true);
            }
        };
    }

    /** Why this controller is not ready, one line each; empty when it is (or idle for want of its CRD). */
    public List<String> notReadyReasons() {
        if (crdMissing) {
            return List.of();
        }
        if (stopped) {
            return List.of("the SparkConnect controller is stopped");
        }
        ConnectCaches current = caches;
        if (!started || current == null) {
            return List.of("the SparkConnect controller has not started");
        }
        List<String> reasons = current.watchProblems();
        return current.hasSynced() || !reasons.isEmpty() ? reasons
                : List.of("the SparkConnect caches have not synced yet");
    }

    /** Keys due now that wait for a free worker (the work queue depth). */
    public int queuedKeys() {
        KeyedDispatcher current = dispatcher;
        return current == null ? 0 : current.queuedKeys();
    }

    public int inFlight() {
        KeyedDispatcher current = dispatcher;
        return current == null ? 0 : current.inFlight();
    }
}
