package io.sparkoperator.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One working term of the operator (the whole process life, or one leadership term): fresh informer caches, the
 * two keyed dispatchers and the event wiring between them. Reconciliation starts only after every cache has synced.
 * {@link #stop} ends the term; a new term needs a new instance.
 */
public final class ControllerRuntime {
    private static final System.Logger LOG = System.getLogger(ControllerRuntime.class.getName());

    /** What to watch and how to retry. */
    public record Settings(List<String> namespaces, LabelSelector appSelector, Duration cacheSyncTimeout,
            Backoff backoff) {
        public Settings {
            namespaces = List.copyOf(namespaces);
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
    private final ReconcileObserver observer;
    private volatile SparkCaches caches;
    private volatile KeyedDispatcher apps;
    private volatile KeyedDispatcher scheduled;
    private DelayScheduler timers;
    private volatile boolean started;
    private volatile boolean stopped;

    /**
     * @param parentOf finds the ScheduledSparkApplication that owns a SparkApplication, so its run history is
     *        refreshed when a run changes
     */
    public ControllerRuntime(KubernetesClient client, Settings settings, AppReconcilerFactory appReconciler,
            Reconciler scheduledReconciler, Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf,
            ReconcileObserver observer) {
        this.client = client;
        this.settings = settings;
        this.appReconciler = appReconciler;
        this.scheduledReconciler = scheduledReconciler;
        this.parentOf = parentOf;
        this.observer = observer;
    }

    /** Starts informers and, once they synced, reconciliation. Blocks up to the cache sync timeout. */
    public synchronized void start() throws TimeoutException, InterruptedException {
        if (started || stopped) {
            throw new IllegalStateException("a ControllerRuntime runs once");
        }
        started = true;
        timers = DelayScheduler.system("spark-operator-timers");
        PendingSpecChanges specChanges = new PendingSpecChanges();
        caches = new SparkCaches(client, settings.namespaces(), settings.appSelector());
        apps = new KeyedDispatcher("SparkApplication", appReconciler.create(caches, specChanges),
                settings.backoff(), timers, observer);
        scheduled = new KeyedDispatcher("ScheduledSparkApplication", scheduledReconciler, settings.backoff(),
                timers, observer);
        apps.pause();
        scheduled.pause();
        caches.onApps(new AppEventHandler(apps::enqueue, scheduled::enqueue, parentOf, specChanges))
                .onPods(new PodEventHandler(apps::enqueue))
                .onScheduledApps(new KeyEventHandler<>(scheduled::enqueue));
        LOG.log(Level.INFO, () -> "starting informers for " + (settings.namespaces().isEmpty() ? "all namespaces"
                : "namespaces " + settings.namespaces()));
        caches.startAndSync(settings.cacheSyncTimeout());
        LOG.log(Level.INFO, "caches synced; reconciling");
        apps.resume();
        scheduled.resume();
    }

    /**
     * Stops taking work, then waits up to {@code bound} for running reconciliations (and the spark-submits they
     * run). With {@code interrupt} they are interrupted at once (leadership lost).
     *
     * @return true when nothing is running any more
     */
    public synchronized boolean stop(Duration bound, boolean interrupt) {
        stopped = true;
        if (!started) {
            return true;
        }
        long deadline = System.nanoTime() + bound.toNanos();
        boolean idle = apps.stop(bound, interrupt);
        idle &= scheduled.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), interrupt);
        caches.stop();
        timers.close();
        LOG.log(Level.INFO, () -> "controller stopped" + (interrupt ? " (interrupted)" : ""));
        return idle;
    }

    /** Ready: caches synced and still watching, not stopped. */
    public boolean isReady() {
        SparkCaches current = caches;
        return started && !stopped && current != null && current.hasSynced() && current.isWatching();
    }

    /** Reconciliations running right now (both kinds). */
    public int inFlight() {
        return (apps == null ? 0 : apps.inFlight()) + (scheduled == null ? 0 : scheduled.inFlight());
    }

    public SparkCaches caches() {
        return caches;
    }
}
