package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in for the kubelet (and the API server's defaulting) in fabric8's mock API: moves pods through
 * {@code ""} -> Pending -> Running -> Succeeded, or Failed when the main container's exit code is not 0, writing
 * realistic statuses through the {@code status} subresource with JSON merge patches (no server-side apply). Nothing
 * runs: no image is pulled, no driver starts, so no executors appear.
 *
 * <p>Two modes. <b>Manual</b> (the default, fully deterministic): nothing moves until {@link #step()} moves every
 * pod one phase (in namespace/name order) or {@link #settle()} steps until no pod moves. <b>Automatic</b>
 * ({@link Builder#automatic}): an informer sees new pods; each is Pending at once, Running after the pending time
 * and ended after the running time, always in that order. {@link #close()} stops both.
 *
 * <p>A pod steers its own fate by annotations (set them on a SparkApplication's {@code spec.driver.annotations};
 * Spark copies them to the driver pod): {@value #EXIT_CODE_ANNOTATION} (default 0; a value that is not a number
 * counts as 1) and {@value #HOLD_ANNOTATION} ({@code Pending} or {@code Running}: the pod stays in that phase, e.g.
 * for a stuck or a long-running driver; remove the annotation to release it).
 */
public final class SimulatedKubelet implements AutoCloseable {
    public static final String EXIT_CODE_ANNOTATION = "simulation.sparkoperator.io/exit-code";
    public static final String HOLD_ANNOTATION = "simulation.sparkoperator.io/hold-phase";

    private static final Logger LOG = Logger.getLogger(SimulatedKubelet.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> labels;
    private final Clock clock;
    private final ToIntFunction<Pod> exitCodes;
    private final boolean keepHistory;
    private final List<Consumer<PodTransition>> listeners;
    private final List<PodTransition> history = new CopyOnWriteArrayList<>();
    private final AtomicLong transitions = new AtomicLong();
    private final Duration pendingTime;
    private final Duration runningTime;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;
    private volatile boolean closed;

    private SimulatedKubelet(Builder builder) {
        this.client = builder.client;
        this.namespace = builder.namespace;
        this.labels = Map.copyOf(builder.labels);
        this.clock = builder.clock;
        this.exitCodes = builder.exitCodes;
        this.keepHistory = builder.keepHistory;
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
        this.pendingTime = builder.pendingTime;
        this.runningTime = builder.runningTime;
        boolean automatic = pendingTime != null;
        this.scheduler = automatic ? Executors.newScheduledThreadPool(builder.threads, daemonThreads()) : null;
        this.informer = automatic ? pods().inform(new PodEvents(), 0) : null;
    }

    /** A kubelet for the pods {@code client} sees; {@link Builder#start()} starts it. */
    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    /**
     * Manual mode: moves every pod that exists now (and is not ended or held) one phase on, in namespace/name
     * order, and returns how many moved. Reads pods from the API, not a cache, so a pod created just before counts.
     */
    public int step() {
        requireManual("step()");
        int moved = 0;
        List<Pod> pods = new ArrayList<>(pods().list().getItems());
        pods.sort(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace())
                .thenComparing(p -> p.getMetadata().getName()));
        for (Pod pod : pods) {
            if (advance(pod).isPresent()) {
                moved++;
            }
        }
        return moved;
    }

    /** Manual mode: {@link #step()}s until no pod moves; returns the number of steps that moved something. */
    public int settle() {
        int steps = 0;
        while (step() > 0) {
            steps++;
        }
        return steps;
    }

    /** Manual mode: moves one pod one phase on; false if it is absent, ended or held. */
    public boolean step(String podNamespace, String podName) {
        requireManual("step(namespace, name)");
        Pod pod = client.pods().inNamespace(podNamespace).withName(podName).get();
        return pod != null && advance(pod).isPresent();
    }

    /** Called with every transition written, from the thread that wrote it. */
    public void onTransition(Consumer<PodTransition> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** The transitions written so far, in order (empty when the builder turned history off). */
    public List<PodTransition> history() {
        return List.copyOf(history);
    }

    /** How many transitions have been written. */
    public long transitionCount() {
        return transitions.get();
    }

    /** Stops watching and cancels pending transitions; a transition being written completes. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (informer != null) {
            informer.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduled.clear();
    }

    /** Writes the next phase of {@code pod}, if it has one it may take; empty when it did not move. */
    private Optional<Pod> advance(Pod pod) {
        if (closed) {
            return Optional.empty();
        }
        SimulatedPodPhase from = SimulatedPodPhase.of(pod);
        Optional<SimulatedPodPhase> to = next(pod, from);
        if (to.isEmpty()) {
            return Optional.empty();
        }
        int exitCode = to.get() == SimulatedPodPhase.SUCCEEDED ? exitCodes.applyAsInt(pod) : 0;
        SimulatedPodPhase target = to.get() == SimulatedPodPhase.SUCCEEDED && exitCode != 0
                ? SimulatedPodPhase.FAILED : to.get();
        Instant now = clock.instant();
        // A JSON patch replacing the whole status: the same on a real API server and the mock (whose merge patch
        // merges lists instead of replacing them).
        String patch = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status",
                "value", SimulatedPodStatus.of(pod, target, exitCode, now))));
        Pod written;
        try {
            written = resource(pod).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty(); // deleted meanwhile: nothing to run any more
            }
            throw e;
        }
        PodTransition transition = new PodTransition(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                from, target, target.terminal() ? exitCode : null, now);
        transitions.incrementAndGet();
        if (keepHistory) {
            history.add(transition);
        }
        for (Consumer<PodTransition> listener : listeners) {
            listener.accept(transition);
        }
        return Optional.of(written);
    }

    /** The phase after {@code from}, unless the pod ended or is held where it is. */
    private static Optional<SimulatedPodPhase> next(Pod pod, SimulatedPodPhase from) {
        if (from.terminal() || pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        String hold = annotation(pod, HOLD_ANNOTATION);
        if (hold != null && SimulatedPodPhase.named(hold).filter(h -> h == from).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(switch (from) {
            case NEW -> SimulatedPodPhase.PENDING;
            case PENDING -> SimulatedPodPhase.RUNNING;
            default -> SimulatedPodPhase.SUCCEEDED; // FAILED instead when the exit code is not 0
        });
    }

    /** The exit code a pod asks for: {@value #EXIT_CODE_ANNOTATION}, 0 when absent, 1 when not a number. */
    public static int requestedExitCode(Pod pod) {
        String value = annotation(pod, EXIT_CODE_ANNOTATION);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String annotation(Pod pod, String name) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private FilterWatchListDeletable<Pod, PodList, PodResource> pods() {
        var scope = namespace == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(namespace);
        return labels.isEmpty() ? scope : scope.withLabels(labels);
    }

    private PodResource resource(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
    }

    private void requireManual(String what) {
        if (closed) {
            throw new IllegalStateException("the simulated kubelet is closed");
        }
        if (scheduler != null) {
            throw new IllegalStateException(what + " is for manual mode; this kubelet runs automatically");
        }
    }

    // Automatic mode: one scheduled transition per pod at a time; the next is scheduled when it is written.

    private void schedule(Pod pod) {
        if (closed || next(pod, SimulatedPodPhase.of(pod)).isEmpty()) {
            return;
        }
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        Duration delay = switch (SimulatedPodPhase.of(pod)) {
            case NEW -> Duration.ZERO;
            case PENDING -> pendingTime;
            default -> runningTime;
        };
        String podNamespace = pod.getMetadata().getNamespace();
        String podName = pod.getMetadata().getName();
        try {
            scheduled.computeIfAbsent(key, k -> scheduler.schedule(() -> run(k, podNamespace, podName),
                    delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void run(String key, String podNamespace, String podName) {
        Optional<Pod> written = Optional.empty();
        try {
            Pod pod = client.pods().inNamespace(podNamespace).withName(podName).get();
            if (pod != null) {
                written = advance(pod);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "simulated kubelet: could not move Pod(" + key + ")", e);
            }
        } finally {
            scheduled.remove(key);
        }
        written.ifPresent(this::schedule);
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            schedule(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            schedule(newPod); // e.g. a hold annotation was removed
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            ScheduledFuture<?> pending = scheduled.remove(pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName());
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, "simulated-kubelet-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a {@link SimulatedKubelet}; defaults: all namespaces, all pods, manual, system clock. */
    public static final class Builder {
        private final KubernetesClient client;
        private String namespace;
        private Map<String, String> labels = Map.of();
        private Clock clock = Clock.systemUTC();
        private ToIntFunction<Pod> exitCodes = SimulatedKubelet::requestedExitCode;
        private boolean keepHistory = true;
        private final List<Consumer<PodTransition>> listeners = new ArrayList<>();
        private Duration pendingTime;
        private Duration runningTime;
        private int threads = 1;

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Only pods in this namespace. */
        public Builder namespace(String value) {
            this.namespace = Objects.requireNonNull(value);
            return this;
        }

        /** Only pods carrying all these labels, e.g. {@code spark-role=driver}. */
        public Builder labels(Map<String, String> value) {
            this.labels = Map.copyOf(value);
            return this;
        }

        /** The clock for the timestamps in statuses and transitions. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Decides each pod's main-container exit code (default: {@link #requestedExitCode}). */
        public Builder exitCodes(ToIntFunction<Pod> value) {
            this.exitCodes = Objects.requireNonNull(value);
            return this;
        }

        /** Whether {@link #history()} records transitions (turn off for very many pods). */
        public Builder keepHistory(boolean value) {
            this.keepHistory = value;
            return this;
        }

        public Builder onTransition(Consumer<PodTransition> listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Automatic mode: a pod is Pending as soon as it is seen, Running {@code pending} later and ended
         * {@code running} after that; {@code threads} write statuses in parallel (one pod's transitions stay in
         * order).
         */
        public Builder automatic(Duration pending, Duration running, int threads) {
            if (pending.isNegative() || running.isNegative() || threads < 1) {
                throw new IllegalArgumentException("durations must not be negative and threads at least 1");
            }
            this.pendingTime = pending;
            this.runningTime = running;
            this.threads = threads;
            return this;
        }

        public SimulatedKubelet start() {
            return new SimulatedKubelet(this);
        }
    }
}
