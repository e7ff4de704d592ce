package io.sparkoperator.metrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.sparkoperator.api.Labels;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code spark_executor_*} metrics; labels come from the executor pod's own labels (Go behaviour). The running
 * gauge counts executor pods in phase {@code Running} in the informer cache at scrape time.
 */
public final class ExecutorMetrics implements MultiCollector {
    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    private final KnownLabelSets labelSets;
    private final Supplier<? extends Collection<Pod>> cachedPods;
    private final String runningName;
    private final CounterFamily successCount;
    private final CounterFamily failureCount;

    public ExecutorMetrics(MetricsSettings settings, Supplier<? extends Collection<Pod>> cachedPods) {
        this.labelSets = new KnownLabelSets(settings);
        this.cachedPods = cachedPods;
        String p = settings.prefix();
        runningName = MetricNaming.metricName(p, "spark_executor_running_count");
        successCount = new CounterFamily(MetricNaming.metricName(p, "spark_executor_success_count"),
                "Total number of successful Spark executors", labelSets.names(), Exposition.EXACT_NAME_UNTYPED);
        failureCount = new CounterFamily(MetricNaming.metricName(p, "spark_executor_failure_count"),
                "Total number of failed Spark executors", labelSets.names(), Exposition.EXACT_NAME_UNTYPED);
    }

    /**
     * An executor pod's phase changed (informer update: old and new {@code status.phase}). A pod seen for the first
     * time ({@code oldPhase} null, e.g. the initial list after a restart) is not a transition and counts nothing:
     * pods are created Pending, so every real success or failure arrives as an update.
     */
    public void onExecutorPhase(Pod pod, String oldPhase, String newPhase) {
        if (oldPhase == null || Objects.equals(oldPhase, newPhase) || !isExecutor(pod)) {
            return;
        }
        List<String> labels = labelSets.of(pod);
        if (SUCCEEDED.equals(newPhase)) {
            successCount.inc(labels);
        } else if (FAILED.equals(newPhase)) {
            failureCount.inc(labels);
        }
    }

    private static boolean isExecutor(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && Labels.ROLE_EXECUTOR.equals(labels.get(Labels.SPARK_ROLE));
    }

    @Override
    public MetricSnapshots collect() {
        Map<List<String>, Double> running = new HashMap<>();
        for (Pod pod : cachedPods.get()) {
            if (isExecutor(pod)) {
                boolean isRunning = pod.getStatus() != null && RUNNING.equals(pod.getStatus().getPhase());
                running.merge(labelSets.of(pod), isRunning ? 1.0 : 0.0, Double::sum);
            }
        }
        for (List<String> labels : labelSets.all()) {
            running.putIfAbsent(labels, 0.0);
            successCount.touch(labels);
            failureCount.touch(labels);
        }
        return MetricSnapshots.of(
                Gauges.of(runningName, "Total number of running Spark executors", labelSets.names(), running),
                successCount.snapshot(), failureCount.snapshot());
    }
}
