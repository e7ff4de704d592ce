package io.sparkoperator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.logging.LogContext;
import io.sparkoperator.logging.LogResource;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.DelayScheduler;
import io.sparkoperator.runtime.KeyEventHandler;
import io.sparkoperator.runtime.KeyedDispatcher;
import io.sparkoperator.runtime.LeaderGate;
import io.sparkoperator.runtime.ReconcileObserver;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.sparkapp.AppEventHandler;
import io.sparkoperator.sparkapp.PendingSpecChanges;
import io.sparkoperator.sparkapp.PodEventHandler;
import io.sparkoperator.sparkapp.ShardLabeller;
import io.sparkoperator.sparkapp.ShardLabels;
import io.sparkoperator.sparkapp.SparkCaches;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One working term of the operator (the whole process life, or one leadership term): fresh informer caches, the
 * two keyed dispatchers and the event wiring between them. Reconciliation starts only after every cache has synced.
 * {@link #stop} ends the term; a new term needs a new instance.
 */
public final class Controllers {
    private static final System.Logger LOG = System.getLogger(Controllers.class.getName());
    private static final Duration WATCH_CHECK_INTERVAL = Duration.ofSeconds(5);

    /**
     * What to watch and how to retry.
     *
     * @param timers makes the scheduler for requeue and backoff timers (tests run them on warped time)
     * @param maxPassTime a reconciliation still running after this long is interrupted (must exceed the
     *        spark-submit timeout)
     * @param maxConcurrentReconciles passes running at once, per kind (the Go operator's {@code --controller-threads})
     */
    public record Settings(List<String> namespaces, LabelSelector appSelector, Duration cacheSyncTimeout,
            Backoff backoff, Function<String, DelayScheduler> timers, Duration maxPassTime,
            int maxConcurrentReconciles) {
        public static final Duration DEFAULT_MAX_PASS_TIME = Duration.ofMinutes(10);
        public static final int DEFAULT_MAX_CONCURRENT_RECONCILES = 10;

        public Settings {
            namespaces = List.copyOf(namespaces);
            if (maxConcurrentReconciles < 1) {
                throw new IllegalArgumentException("maxConcurrentReconciles must be at least 1");
            }
        }

        public Settings(List<String> namespaces, LabelSelector appSelector, Duration cacheSyncTimeout,
                Backoff backoff) {
            this(namespaces, appSelector, cacheSyncTimeout, backoff, DelayScheduler::system, DEFAULT_MAX_PASS_TIME,
                    DEFAULT_MAX_CONCURRENT_RECONCILES);
        }

        public Settings withMaxConcurrentReconciles(int value) {
            return new Settings(namespaces, appSelector, cacheSyncTimeout, backoff, timers, maxPassTime, value);
        }
    }

    /**
     * Extra informer handlers that only watch (metrics): they see the same events as the controller and must not
     * block. Either may be null.
     */
    public record Watchers(ResourceEventHandler<GenericKubernetesResource> apps, ResourceEventHandler<Pod> pods) {
        public static Watchers none() {
            return new Watchers(null, null);
        }
    }

    /** Told about every finished reconciliation, per kind (metrics). */
    public record Observers(ReconcileObserver apps, ReconcileObserver scheduled) {
        public static Observers none() {
            return new Observers(ReconcileObserver.none(), ReconcileObserver.none());
        }
    }

    /** Builds the SparkApplication reconciler once the caches exist. */
    @FunctionalInterface
    public interface AppReconcilerFactory {
        Reconciler create(SparkCaches caches, PendingSpecChanges specChanges);
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final AppReconcilerFactory appReconciler;
    private final Reconciler scheduledReconciler;
    private final Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf;
    private final Observers observers;
    private final Watchers watchers;
    private volatile SparkCaches caches;
    private volatile KeyedDispatcher apps;
    private volatile KeyedDispatcher scheduled;
    private DelayScheduler timers;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile ShardGate shards;
    private volatile Duration releasedShardLinger = Duration.ZERO;
    /**
     * Scheduled runs seen with their parent, so a run's shard is known when it is not in the cache (deleted, or of a
     * shard given up).
     */
    private final ConcurrentHashMap<ResourceKey, ResourceKey> runParents = new ConcurrentHashMap<>();

    /**
     * @param parentOf finds the ScheduledSparkApplication that owns a SparkApplication, so its run history is
     *        refreshed when a run changes
     */
    public Controllers(KubernetesClient client, Settings settings, AppReconcilerFactory appReconciler,
            Reconciler scheduledReconciler, Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf,
            Observers observers, Watchers watchers) {
        this.client = client;
        this.watchers = watchers;
        this.settings = settings;
        this.appReconciler = appReconciler;
        this.scheduledReconciler = scheduledReconciler;
        this.parentOf = parentOf;
        this.observers = observers;
    }

    /**
     * This runtime as a {@link LeaderGate}'s work: started on becoming leader; on losing the lease stopped at once,
     * running passes interrupted, waiting up to {@code killGrace} for them.
     */
    public LeaderGate.Work asLeaderWork(Duration killGrace) {
        return new LeaderGate.Work() {
            @Override
            public void start() throws Exception {
                Controllers.this.start();
            }

            @Override
            public void stopNow() {
                stop(killGrace, true);
            }
        };
    }

    /**
     * Shares the work with other replicas: only keys whose shard is open in {@code gate} are reconciled, a scheduled
     * run going with its parent. Call before {@link #start}.
     */
    public Controllers shardedBy(ShardGate gate) {
        this.shards = gate;
        return this;
    }

    /** See {@link SparkCaches#lingerReleasedShardWatches}: for tests on fabric8's mock. Call before {@link #start}. */
    public Controllers lingerReleasedShardWatches(Duration linger) {
        this.releasedShardLinger = linger;
        return this;
    }

    /** Starts informers and, once they synced, reconciliation. Blocks up to the cache sync timeout. */
    public synchronized void start() throws TimeoutException, InterruptedException {
        if (started || stopped) {
            throw new IllegalStateException("Controllers run once");
        }
        started = true;
        timers = settings.timers().apply("spark-operator-timers");
        PendingSpecChanges specChanges = new PendingSpecChanges();
        ShardGate gate = shards;
        ShardLabels shardLabels = gate != null && gate.shards() > 1 ? new ShardLabels(gate.shards()) : null;
        caches = new SparkCaches(client, settings.namespaces(), settings.appSelector(), shardLabels)
                .lingerReleasedShardWatches(releasedShardLinger);
        Reconciler appPass = logged("SparkApplication", appReconciler.create(caches, specChanges));
        Reconciler scheduledPass = logged("ScheduledSparkApplication", scheduledReconciler);
        if (gate != null) {
            appPass = gate.guard(appPass, this::appShardKey);
            scheduledPass = gate.guard(scheduledPass, Function.identity());
            caches.readLiveWhen(gate::mustReadLive);
        }
        apps = new KeyedDispatcher("SparkApplication", appPass,
                settings.backoff(), timers, observers.apps(), settings.maxPassTime(),
                settings.maxConcurrentReconciles());
        scheduled = new KeyedDispatcher("ScheduledSparkApplication", scheduledPass, settings.backoff(),
                timers, observers.scheduled(), settings.maxPassTime(), settings.maxConcurrentReconciles());
        apps.pause();
        scheduled.pause();
        caches.onApps(new AppEventHandler(this::enqueueApp,
                        owned(scheduled::enqueue, Function.identity()), parentOf, specChanges))
                .onPods(new PodEventHandler(podOwner(owned(apps::enqueueUrgent, this::appShardKey))))
                .onScheduledApps(new KeyEventHandler<>(owned(scheduled::enqueue, Function.identity())));
        if (gate != null) {
            gate.onOpened(this::enqueueShard);
        }
        if (shardLabels != null) {
            watchOnlyHeldShards(gate, shardLabels);
        }
        if (watchers.apps() != null) {
            caches.onApps(watchers.apps());
        }
        if (watchers.pods() != null) {
            caches.onPods(watchers.pods());
        }
        LOG.log(Level.INFO, () -> "starting informers for " + (settings.namespaces().isEmpty() ? "all namespaces"
                : "namespaces " + settings.namespaces()) + " at " + client.getMasterUrl());
        try {
            caches.startAndSync(settings.cacheSyncTimeout());
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException("cannot start watching at the Kubernetes API server "
                    + client.getMasterUrl() + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "caches synced; reconciling");
        apps.resume();
        scheduled.resume();
        Thread.ofVirtual().name("watch-health").start(this::checkWatchesUntilStopped);
    }

    /**
     * Ends watch outages (an info line when a watch is back) even when nobody asks {@code /readyz}; the warnings at
     * the start of an outage come from the informers themselves.
     */
    private void checkWatchesUntilStopped() {
        try {
            while (!stopped) {
                Thread.sleep(WATCH_CHECK_INTERVAL);
                caches.watchProblems();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking work, then waits up to {@code bound} for running reconciliations (and the spark-submits they
     * run). With {@code interrupt} they are interrupted at once (leadership lost).
     *
     * @return true when nothing is running any more
     */
    public synchronized boolean stop(Duration bound, boolean interrupt) {
        boolean idle = stopReconciling(bound, interrupt);
        stopWatching();
        return idle;
    }

    /** The first half of {@link #stop}: no more passes (the informers keep watching until {@link #stopWatching}). */
    public synchronized boolean stopReconciling(Duration bound, boolean interrupt) {
        stopped = true;
        if (!started) {
            return true;
        }
        long deadline = System.nanoTime() + bound.toNanos();
        boolean idle = apps.stop(bound, interrupt);
        idle &= scheduled.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), interrupt);
        timers.close();
        LOG.log(Level.INFO, () -> "controller stopped" + (interrupt ? " (interrupted)" : ""));
        return idle;
    }

    /** The second half of {@link #stop}: the informers stop. */
    public synchronized void stopWatching() {
        stopped = true;
        if (started) {
            caches.stop();
        }
    }

    /** Without sharding every key; with it, only keys of shards open here (the guard checks again in the pass). */
    private Consumer<ResourceKey> owned(Consumer<ResourceKey> queue, Function<ResourceKey, ResourceKey> shardKeyOf) {
        return key -> {
            ShardGate gate = shards;
            if (gate == null || gate.admits(shardKeyOf.apply(key))) {
                queue.accept(key);
            }
        };
    }

    /**
     * Watching only held shards, a pod without shard labels (launched before sharding) is seen by every replica:
     * its app gets a pass only where the app is cached, i.e. from the holder of its shard. (Else a scheduled run's
     * own hash, its parent unknown here, could admit it on a replica that does not hold it.)
     */
    private Consumer<ResourceKey> podOwner(Consumer<ResourceKey> queue) {
        return key -> {
            if (!caches.sharded() || caches.app(key) != null) {
                queue.accept(key);
            }
        };
    }

    /**
     * An app event's key is queued where the app's shard is held. A scheduled run's parent is learnt from the event's
     * own object first: the event may come from a shard this replica just gave up (its watch stops a moment later),
     * and then the run is not in the cache, where its own name alone could place it in a shard held here.
     */
    private void enqueueApp(GenericKubernetesResource app) {
        ResourceKey key = ResourceKey.of(app);
        parentOf.apply(app).ifPresent(parent -> runParents.put(key, parent));
        owned(apps::enqueue, this::appShardKey).accept(key);
    }

    /** The key whose hash places an app: its ScheduledSparkApplication parent for a scheduled run, else itself. */
    private ResourceKey appShardKey(ResourceKey key) {
        GenericKubernetesResource app = caches.app(key);
        if (app == null) {
            return runParents.getOrDefault(key, key);
        }
        Optional<ResourceKey> parent = parentOf.apply(app);
        parent.ifPresent(p -> runParents.put(key, p));
        return parent.orElse(key);
    }

    /** A shard opened here: every cached object of it gets a pass (the first reads live). */
    private void enqueueShard(int shard) {
        ShardGate gate = shards;
        caches.appKeys().stream().filter(key -> gate.shardOf(appShardKey(key)) == shard).forEach(apps::enqueue);
        caches.scheduledAppKeys().stream().filter(key -> gate.shardOf(key) == shard).forEach(scheduled::enqueue);
    }

    /**
     * Each replica watches only the apps and pods of the shards it holds: a taken shard opens once its objects are
     * listed, a given-up one is no longer watched, and new apps get their shard labels from the holder.
     */
    private void watchOnlyHeldShards(ShardGate gate, ShardLabels shardLabels) {
        ShardLabeller labeller = new ShardLabeller(client, shardLabels, gate,
                app -> parentOf.apply(app).orElseGet(() -> ResourceKey.of(app)));
        caches.onUnlabelledApps(labeller.unlabelledHandler()).onApps(labeller.labelledHandler());
        gate.prepareWith(caches::watchShard);
        gate.onForgotten(caches::unwatchShard);
        gate.onOpened(shard -> labeller.shardOpened(shard, caches.unlabelledApps()));
    }

    /** Every line logged during a pass names its resource ({@code Kind(ns/name): ...}) without saying so itself. */
    private static Reconciler logged(String kind, Reconciler reconciler) {
        return key -> {
            try (LogContext.Scope scope = LogContext.open(new LogResource(kind, key.namespace(), key.name()))) {
                return reconciler.reconcile(key);
            }
        };
    }

    /** Ready: caches synced and still watching, not stopped. */
    public boolean isReady() {
        return notReadyReasons().isEmpty();
    }

    /** Why this term is not ready, one line each; empty when it is. */
    public List<String> notReadyReasons() {
        SparkCaches current = caches;
        if (stopped) {
            return List.of("the controllers are stopped");
        }
        if (!started || current == null) {
            return List.of("the controllers have not started");
        }
        List<String> reasons = new ArrayList<>(current.watchProblems());
        if (!current.hasSynced()) {
            reasons.add("the informer caches have not synced yet");
        } else if (reasons.isEmpty() && !current.isWatching()) {
            reasons.add("an informer is not watching (reconnecting)");
        }
        return reasons;
    }

    /** Reconciliations running right now (both kinds). */
    public int inFlight() {
        return (apps == null ? 0 : apps.inFlight()) + (scheduled == null ? 0 : scheduled.inFlight());
    }

    /** Keys due now that wait for a free worker, per kind (the work queue depth). */
    public int queuedAppKeys() {
        return apps == null ? 0 : apps.queuedKeys();
    }

    public int queuedScheduledKeys() {
        return scheduled == null ? 0 : scheduled.queuedKeys();
    }

    /** The current term's caches, or null before start. */
    public SparkCaches caches() {
        return caches;
    }
}
