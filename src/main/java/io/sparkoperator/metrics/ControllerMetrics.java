package io.sparkoperator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How the operator itself is doing: reconciliations by result and their duration, work waiting per controller,
 * spark-submit processes and durations, status-write conflicts, leadership and readiness. Reconcile, work-queue
 * and leader-election names follow controller-runtime (and client-go) so dashboards built for it (and for the Go
 * operator) read them unchanged.
 */
public final class ControllerMetrics implements MultiCollector {
    static final List<Double> RECONCILE_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0);
    static final List<Double> SUBMIT_BUCKETS =
            List.of(0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0);

    private final CounterFamily reconcileTotal = new CounterFamily("controller_runtime_reconcile",
            "Total number of reconciliations per controller and result", List.of("controller", "result"),
            Exposition.COUNTER);
    private final CounterFamily reconcileErrors = new CounterFamily("controller_runtime_reconcile_errors",
            "Total number of reconciliation errors per controller", List.of("controller"), Exposition.COUNTER);
    private final HistogramFamily reconcileTime = new HistogramFamily("controller_runtime_reconcile_time_seconds",
            "Length of time per reconciliation per controller", List.of("controller"), RECONCILE_BUCKETS);
    private final CounterFamily statusConflicts = new CounterFamily("spark_operator_status_update_conflicts",
            "Status writes refused with 409 Conflict (stale resourceVersion), per controller", List.of("controller"),
            Exposition.COUNTER);
    private final HistogramFamily submitDuration = new HistogramFamily("spark_operator_submit_duration_seconds",
            "Wall time of one spark-submit process, by result", List.of("result"), SUBMIT_BUCKETS);
    private final ConcurrentMap<String, IntSupplier> workPending = new ConcurrentHashMap<>();
    private volatile IntSupplier submitProcessesRunning = () -> 0;
    private volatile int submitProcessesMax;
    private volatile SubmissionWorkers workers;
    private volatile Leadership leadership;
    private volatile BooleanSupplier ready = () -> false;
    private volatile Sharding sharding;

    /** The warm submission path's workers. */
    private record SubmissionWorkers(Supplier<List<Long>> pids, LongSupplier started, LongSupplier fallbacks) {
    }

    /** The Lease this replica competes for, and whether it holds it. */
    private record Leadership(String lockName, BooleanSupplier leading) {
    }

    /** The shards of an active-active group, their Lease names, and which this replica holds. */
    private record Sharding(int shards, IntFunction<String> leaseName, Supplier<List<Integer>> held) {
    }

    public ControllerMetrics() {
        for (SubmitOutcome outcome : SubmitOutcome.values()) {
            submitDuration.touch(List.of(outcome.label()));
        }
    }

    /**
     * Registers one controller (e.g. {@code sparkapplication}) with a supplier of its keys waiting for a worker
     * (the work queue depth); its series start at 0.
     */
    public Controller register(String controller, IntSupplier queuedKeys) {
        workPending.put(controller, queuedKeys);
        for (ReconcileOutcome outcome : ReconcileOutcome.values()) {
            reconcileTotal.touch(List.of(controller, outcome.label()));
        }
        reconcileErrors.touch(List.of(controller));
        reconcileTime.touch(List.of(controller));
        statusConflicts.touch(List.of(controller));
        return new Controller(controller);
    }

    /** The number of spark-submit child processes alive now (from the submitter's runner). */
    public void trackSubmitProcesses(IntSupplier running) {
        this.submitProcessesRunning = running;
    }

    /** As {@link #trackSubmitProcesses(IntSupplier)}, with the most that run at once ({@code --spark-submit-concurrency}). */
    public void trackSubmitProcesses(IntSupplier running, int max) {
        this.submitProcessesRunning = running;
        this.submitProcessesMax = max;
    }

    /**
     * The submission workers ({@code --submission-mode=warm}): the process IDs of those alive now (their count and
     * resident memory are read at scrape time), how many were started, and the submissions that went cold because
     * none could start.
     */
    public void trackSubmissionWorkers(Supplier<List<Long>> pids, LongSupplier started, LongSupplier fallbacks) {
        this.workers = new SubmissionWorkers(pids, started, fallbacks);
    }

    /**
     * Whether this replica holds the Lease {@code lockName} (client-go's {@code leader_election_master_status});
     * without leader election the only replica leads.
     */
    public void trackLeadership(String lockName, BooleanSupplier leading) {
        this.leadership = new Leadership(lockName, leading);
    }

    /**
     * Active-active ({@code --shards} above 1): which of the {@code shards} this replica holds now. Each shard's
     * Lease also gets a {@code leader_election_master_status} series, so "nobody holds anything" reads as before.
     */
    public void trackShards(int shards, IntFunction<String> leaseName, Supplier<List<Integer>> held) {
        this.sharding = new Sharding(shards, leaseName, held);
    }

    /** Whether {@code /readyz} answers 200 (leading, caches synced, not stopping). */
    public void trackReadiness(BooleanSupplier ready) {
        this.ready = ready;
    }

    public void onSparkSubmitFinished(SubmitOutcome outcome, Duration duration) {
        submitDuration.observe(List.of(outcome.label()), seconds(duration));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The handle one controller reports through. */
    public final class Controller {
        private final String name;

        private Controller(String name) {
            this.name = name;
        }

        public void onReconcile(ReconcileOutcome outcome, Duration duration) {
            reconcileTotal.inc(List.of(name, outcome.label()));
            if (outcome == ReconcileOutcome.ERROR) {
                reconcileErrors.inc(List.of(name));
            }
            reconcileTime.observe(List.of(name), seconds(duration));
        }

        public void onStatusConflict() {
            statusConflicts.inc(List.of(name));
        }
    }

    @Override
    public MetricSnapshots collect() {
        Map<List<String>, Double> depth = new LinkedHashMap<>();
        workPending.forEach((controller, supplier) -> depth.put(List.of(controller, controller),
                (double) supplier.getAsInt()));
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> all = new ArrayList<>();
        all.add(reconcileTotal.snapshot());
        all.add(reconcileErrors.snapshot());
        all.add(reconcileTime.snapshot());
        all.add(Gauges.of("workqueue_depth", "Current depth of the work queue (keys due that wait for a worker)",
                List.of("controller", "name"), depth));
        all.add(Gauges.single("spark_operator_submit_processes_running",
                "spark-submit child processes running now", submitProcessesRunning.getAsInt()));
        if (submitProcessesMax > 0) {
            all.add(Gauges.single("spark_operator_submit_processes_max",
                    "spark-submit child processes allowed at once (--spark-submit-concurrency)", submitProcessesMax));
        }
        SubmissionWorkers pool = workers;
        if (pool != null) {
            List<Long> pids = pool.pids().get();
            all.add(Gauges.single("spark_operator_submission_workers", "Submission worker JVMs alive now (warm"
                    + " submission)", pids.size()));
            all.add(Gauges.single("spark_operator_submission_workers_resident_memory_bytes", "Resident memory of the"
                    + " submission worker JVMs alive now", ProcessMetrics.residentBytes(pids)));
            all.add(Counters.single("spark_operator_submission_workers_started", "Submission worker JVMs started"
                    + " (first ones and replacements)", pool.started().getAsLong()));
            all.add(Counters.single("spark_operator_submission_worker_fallbacks", "Submissions run as a new"
                    + " spark-submit JVM because no submission worker could start", pool.fallbacks().getAsLong()));
        }
        Leadership lease = leadership;
        if (lease != null) {
            all.add(Gauges.of("leader_election_master_status", "1 while this replica holds the leader-election Lease"
                    + " 'name' (it reconciles), 0 on a standby", List.of("name"),
                    Map.of(List.of(lease.lockName()), lease.leading().getAsBoolean() ? 1.0 : 0.0)));
        }
        Sharding shards = sharding;
        if (shards != null) {
            List<Integer> held = shards.held().get();
            Map<List<String>, Double> byLease = new LinkedHashMap<>();
            for (int shard = 0; shard < shards.shards(); shard++) {
                byLease.put(List.of(shards.leaseName().apply(shard)), held.contains(shard) ? 1.0 : 0.0);
            }
            all.add(Gauges.of("leader_election_master_status", "1 while this replica holds the Lease 'name' (with"
                    + " --shards: one series per shard Lease)", List.of("name"), byLease));
            all.add(Gauges.single("spark_operator_shards", "Virtual shards the replicas share (--shards)",
                    shards.shards()));
            all.add(Gauges.single("spark_operator_shards_held", "Shards whose Lease this replica holds now (it"
                    + " reconciles their applications)", held.size()));
        }
        all.add(Gauges.single("spark_operator_ready", "1 when /readyz answers 200: this replica leads, its caches"
                + " are synced and it is not stopping", ready.getAsBoolean() ? 1 : 0));
        all.add(submitDuration.snapshot());
        all.add(statusConflicts.snapshot());
        return new MetricSnapshots(all);
    }
}
