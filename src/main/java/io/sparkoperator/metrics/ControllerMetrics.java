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
import java.util.function.IntSupplier;

/**
 * How the operator itself is doing: reconciliations by result and their duration, work pending per controller,
 * spark-submit processes and durations, and status-write conflicts. Reconcile and work-queue names follow
 * controller-runtime so dashboards built for it (and for the Go operator) read them unchanged.
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

    public ControllerMetrics() {
        for (SubmitOutcome outcome : SubmitOutcome.values()) {
            submitDuration.touch(List.of(outcome.label()));
        }
    }

    /**
     * Registers one controller (e.g. {@code sparkapplication}) with a supplier of its pending keys; its series
     * start at 0.
     */
    public Controller register(String controller, IntSupplier pendingKeys) {
        workPending.put(controller, pendingKeys);
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
        all.add(Gauges.of("workqueue_depth", "Current depth of the work queue (keys waiting)",
                List.of("controller", "name"), depth));
        all.add(Gauges.single("spark_operator_submit_processes_running",
                "spark-submit child processes running now", submitProcessesRunning.getAsInt()));
        all.add(submitDuration.snapshot());
        all.add(statusConflicts.snapshot());
        return new MetricSnapshots(all);
    }
}
