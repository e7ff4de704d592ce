package io.sparkoperator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Rfc3339;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code spark_application_*} metrics of the Go operator with the same names, types and
 * labels. Counters and summaries change on state transitions reported by the controller; the running gauge is
 * counted from the informer cache at scrape time, so it is right after an operator restart and after a delete.
 * Every label set seen (in the cache or in an event) keeps a series, starting at 0.
 */
public final class ApplicationMetrics implements MultiCollector {
    private final KnownLabelSets labelSets;
    private final Supplier<? extends Collection<SparkApplication>> cachedApps;
    private final String runningName;
    private final CounterFamily count;
    private final CounterFamily submitCount;
    private final CounterFamily failedSubmissionCount;
    private final CounterFamily successCount;
    private final CounterFamily failureCount;
    private final SummaryFamily successExecutionTime;
    private final SummaryFamily failureExecutionTime;
    private final SummaryFamily submitLatency;
    private final HistogramFamily submitLatencyHistogram;
    private final SummaryFamily startLatency;
    private final HistogramFamily startLatencyHistogram;
    private final List<LabeledFamily<?>> families;

    public ApplicationMetrics(MetricsSettings settings, Supplier<? extends Collection<SparkApplication>> cachedApps) {
        this.labelSets = new KnownLabelSets(settings);
        this.cachedApps = cachedApps;
        String p = settings.prefix();
        List<String> l = labelSets.names();
        Exposition untyped = Exposition.EXACT_NAME_UNTYPED;
        runningName = MetricNaming.metricName(p, "spark_application_running_count");
        count = new CounterFamily(MetricNaming.metricName(p, "spark_application_count"),
                "Total number of SparkApplication", l, untyped);
        submitCount = new CounterFamily(MetricNaming.metricName(p, "spark_application_submit_count"),
                "Total number of submitted SparkApplication", l, untyped);
        failedSubmissionCount = new CounterFamily(MetricNaming.metricName(p, "spark_application_failed_submission_count"),
                "Total number of failed SparkApplication submission", l, untyped);
        successCount = new CounterFamily(MetricNaming.metricName(p, "spark_application_success_count"),
                "Total number of successful SparkApplication", l, untyped);
        failureCount = new CounterFamily(MetricNaming.metricName(p, "spark_application_failure_count"),
                "Total number of failed SparkApplication", l, untyped);
        successExecutionTime = new SummaryFamily(
                MetricNaming.metricName(p, "spark_application_success_execution_time_seconds"),
                "Spark application success execution time (termination - last submission attempt)", l);
        failureExecutionTime = new SummaryFamily(
                MetricNaming.metricName(p, "spark_application_failure_execution_time_seconds"),
                "Spark application failure execution time (termination - last submission attempt)", l);
        submitLatency = new SummaryFamily(MetricNaming.metricName(p, "spark_application_submit_latency_seconds"),
                "Spark application submit latency (first submission - creation)", l);
        submitLatencyHistogram = new HistogramFamily(
                MetricNaming.metricName(p, "spark_application_submit_latency_seconds_histogram"),
                "Spark application submit latency in buckets", l, settings.submitLatencyBuckets());
        startLatency = new SummaryFamily(MetricNaming.metricName(p, "spark_application_start_latency_seconds"),
                "Spark application start latency (first RUNNING - creation)", l);
        startLatencyHistogram = new HistogramFamily(
                MetricNaming.metricName(p, "spark_application_start_latency_seconds_histogram"),
                "Spark application start latency in buckets", l, settings.startLatencyBuckets());
        families = List.of(count, submitCount, failedSubmissionCount, successCount, failureCount,
                successExecutionTime, failureExecutionTime, submitLatency, submitLatencyHistogram, startLatency,
                startLatencyHistogram);
    }

    /** An application appeared (informer add): counted when it is new, never re-counted after a restart. */
    public void onApplicationAdded(SparkApplication app) {
        if (stateOf(app) == AppState.NEW) {
            count.inc(labelSets.of(app));
        }
    }

    /** Convenience for an informer update: the transition between the two persisted states, if any. */
    public void onApplicationUpdated(SparkApplication oldApp, SparkApplication newApp, Instant now) {
        onStateTransition(newApp, stateOf(oldApp), stateOf(newApp), now);
    }

    /**
     * One state change that was persisted. {@code app} carries the status after the change (attempt counters
     * already incremented, termination time set), as written. Mapping as in the Go operator's update handler.
     */
    public void onStateTransition(SparkApplication app, AppState from, AppState to, Instant now) {
        if (from == to) {
            return;
        }
        List<String> labels = labelSets.of(app);
        SparkApplicationStatus status = app.getStatus();
        switch (to) {
            case NEW -> count.inc(labels);
            case SUBMITTED -> {
                submitCount.inc(labels);
                if (status != null && status.submissionAttemptCount() == 1) {
                    observeSinceCreation(app, now, labels, submitLatency, submitLatencyHistogram);
                }
            }
            case SUBMISSION_FAILED -> failedSubmissionCount.inc(labels);
            case RUNNING -> {
                if (status != null && status.executionAttemptCount() == 1) {
                    observeSinceCreation(app, now, labels, startLatency, startLatencyHistogram);
                }
            }
            case COMPLETED -> {
                successCount.inc(labels);
                observeExecutionTime(status, labels, successExecutionTime);
            }
            case FAILED -> {
                failureCount.inc(labels);
                observeExecutionTime(status, labels, failureExecutionTime);
            }
            default -> {
                // other states carry no metric in the Go operator
            }
        }
    }

    private static void observeSinceCreation(SparkApplication app, Instant now, List<String> labels,
            SummaryFamily summary, HistogramFamily histogram) {
        String created = app.getMetadata().getCreationTimestamp();
        if (created == null || created.isBlank()) {
            return;
        }
        double seconds = Duration.between(Rfc3339.parse(created), now).toMillis() / 1000.0;
        summary.observe(labels, seconds);
        histogram.observe(labels, seconds);
    }

    private static void observeExecutionTime(SparkApplicationStatus status, List<String> labels,
            SummaryFamily summary) {
        if (status == null || status.lastSubmissionAttemptTime() == null || status.terminationTime() == null) {
            return;
        }
        summary.observe(labels,
                Duration.between(status.lastSubmissionAttemptTime(), status.terminationTime()).toMillis() / 1000.0);
    }

    private static AppState stateOf(SparkApplication app) {
        return app.getStatus() == null ? AppState.NEW : app.getStatus().state();
    }

    @Override
    public MetricSnapshots collect() {
        Map<List<String>, Double> running = new HashMap<>();
        for (SparkApplication app : cachedApps.get()) {
            List<String> labels = labelSets.of(app);
            running.merge(labels, stateOf(app) == AppState.RUNNING ? 1.0 : 0.0, Double::sum);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        for (List<String> labels : labelSets.all()) {
            running.putIfAbsent(labels, 0.0);
            families.forEach(family -> family.touch(labels));
        }
        families.forEach(family -> out.add(family.snapshot()));
        out.add(Gauges.of(runningName, "Total number of running SparkApplication", labelSets.names(), running));
        return new MetricSnapshots(out);
    }
}
