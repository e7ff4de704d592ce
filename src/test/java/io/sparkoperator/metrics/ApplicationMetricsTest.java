package io.sparkoperator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationMetricsTest {
    private final List<SparkApplication> cache = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();

    private OperatorMetrics metrics(MetricsSettings settings) {
        return new OperatorMetrics(settings, () -> cache, () -> pods);
    }

    private static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    /** Persists a new status on {@code app} and reports the transition, as the controller does after a write. */
    private static void move(ApplicationMetrics apps, SparkApplication app, AppState to, int submissions,
            int executions, Instant lastSubmission, Instant termination, Instant now) {
        AppState from = app.getStatus().state();
        Apps.withState(app, to, submissions, executions, lastSubmission, termination);
        apps.onStateTransition(app, from, to, now);
    }

    /** The _count and _sum lines of one summary. */
    private static List<String> summary(String text, String name) {
        return Arrays.stream(text.split("\n"))
                .filter(l -> l.startsWith(name + "_count ") || l.startsWith(name + "_sum ")).toList();
    }

    @Test
    void countersExistAtZeroBeforeAnyEventWithGoNamesAndNoTotalSuffix() {
        String text = metrics(MetricsSettings.defaults()).scrapeText();
        for (String name : List.of("spark_application_count", "spark_application_submit_count",
                "spark_application_failed_submission_count", "spark_application_running_count",
                "spark_application_success_count", "spark_application_failure_count",
                "spark_executor_running_count", "spark_executor_success_count", "spark_executor_failure_count")) {
            assertTrue(text.contains("\n" + name + " 0.0\n"), name + " missing at 0 in:\n" + text);
        }
        assertTrue(text.contains("# TYPE spark_application_count untyped\n"));
        assertTrue(text.contains("# TYPE spark_application_running_count gauge\n"));
        assertTrue(text.contains("spark_application_submit_latency_seconds_histogram_bucket{le=\"0.5\"} 0\n"));
        assertTrue(text.contains("spark_application_start_latency_seconds_histogram_bucket{le=\"300.0\"} 0\n"));
        assertTrue(text.contains("spark_application_success_execution_time_seconds_count 0\n"));
        assertFalse(text.contains("spark_application_count_total"));
    }

    @Test
    void successfulLifecycleMapsEachTransitionLikeTheGoOperator() {
        OperatorMetrics metrics = metrics(MetricsSettings.defaults());
        ApplicationMetrics apps = metrics.applications();
        SparkApplication app = Apps.app("default", "spark-pi", Map.of());
        cache.add(app);
        apps.onApplicationAdded(app);

        Instant submitted = Apps.CREATED.plusSeconds(3);
        move(apps, app, AppState.SUBMITTED, 1, 1, submitted, null, submitted);
        Instant running = Apps.CREATED.plusSeconds(45);
        move(apps, app, AppState.RUNNING, 1, 1, submitted, null, running);
        assertEquals(List.of("spark_application_running_count 1.0"),
                lines(metrics.scrapeText(), "spark_application_running_count "));

        Instant terminated = submitted.plusSeconds(100);
        move(apps, app, AppState.SUCCEEDING, 1, 1, submitted, terminated, terminated);
        move(apps, app, AppState.COMPLETED, 1, 1, submitted, terminated, terminated.plusSeconds(1));

        String text = metrics.scrapeText();
        assertEquals(List.of("spark_application_count 1.0"), lines(text, "spark_application_count "));
        assertEquals(List.of("spark_application_submit_count 1.0"), lines(text, "spark_application_submit_count "));
        assertEquals(List.of("spark_application_success_count 1.0"), lines(text, "spark_application_success_count "));
        assertEquals(List.of("spark_application_failure_count 0.0"), lines(text, "spark_application_failure_count "));
        assertEquals(List.of("spark_application_running_count 0.0"),
                lines(text, "spark_application_running_count "));
        assertEquals(List.of("spark_application_success_execution_time_seconds_count 1",
                "spark_application_success_execution_time_seconds_sum 100.0"),
                summary(text, "spark_application_success_execution_time_seconds"));
        assertEquals(List.of("spark_application_submit_latency_seconds_count 1",
                "spark_application_submit_latency_seconds_sum 3.0"),
                summary(text, "spark_application_submit_latency_seconds"));
        assertTrue(text.contains("spark_application_submit_latency_seconds_histogram_bucket{le=\"2.0\"} 0\n"));
        assertTrue(text.contains("spark_application_submit_latency_seconds_histogram_bucket{le=\"4.0\"} 1\n"));
        assertTrue(text.contains("spark_application_start_latency_seconds_histogram_bucket{le=\"30.0\"} 0\n"));
        assertTrue(text.contains("spark_application_start_latency_seconds_histogram_bucket{le=\"60.0\"} 1\n"));
        assertTrue(text.contains("spark_application_start_latency_seconds_sum 45.0\n"));
    }

    @Test
    void submissionFailureThenRetryCountsFailuresButNoSecondSubmitLatency() {
        OperatorMetrics metrics = metrics(MetricsSettings.defaults());
        ApplicationMetrics apps = metrics.applications();
        SparkApplication app = Apps.app("default", "flaky", Map.of());
        Instant t = Apps.CREATED.plusSeconds(1);
        move(apps, app, AppState.SUBMISSION_FAILED, 1, 0, t, null, t);
        move(apps, app, AppState.SUBMITTED, 2, 1, t.plusSeconds(5), null, t.plusSeconds(5));
        move(apps, app, AppState.FAILING, 2, 1, t.plusSeconds(5), t.plusSeconds(25), t.plusSeconds(25));
        move(apps, app, AppState.FAILED, 2, 1, t.plusSeconds(5), t.plusSeconds(25), t.plusSeconds(26));
        apps.onStateTransition(app, AppState.FAILED, AppState.FAILED, t.plusSeconds(27));

        String text = metrics.scrapeText();
        assertEquals(List.of("spark_application_failed_submission_count 1.0"),
                lines(text, "spark_application_failed_submission_count "));
        assertEquals(List.of("spark_application_submit_count 1.0"), lines(text, "spark_application_submit_count "));
        assertEquals(List.of("spark_application_failure_count 1.0"), lines(text, "spark_application_failure_count "));
        assertEquals(List.of("spark_application_submit_latency_seconds_count 0",
                "spark_application_submit_latency_seconds_sum 0.0"),
                summary(text, "spark_application_submit_latency_seconds"));
        assertEquals(List.of("spark_application_failure_execution_time_seconds_count 1",
                "spark_application_failure_execution_time_seconds_sum 20.0"),
                summary(text, "spark_application_failure_execution_time_seconds"));
    }

    @Test
    void runningGaugeComesFromTheCacheSoRestartsAndDeletesAreRight() {
        OperatorMetrics metrics = metrics(MetricsSettings.defaults());
        cache.add(Apps.withState(Apps.app("a", "one", Map.of()), AppState.RUNNING, 1, 1, Apps.CREATED, null));
        cache.add(Apps.withState(Apps.app("a", "two", Map.of()), AppState.RUNNING, 1, 1, Apps.CREATED, null));
        cache.add(Apps.withState(Apps.app("a", "three", Map.of()), AppState.COMPLETED, 1, 1, Apps.CREATED,
                Apps.CREATED));
        // no events at all: a fresh operator process that just synced its cache
        assertEquals(List.of("spark_application_running_count 2.0"),
                lines(metrics.scrapeText(), "spark_application_running_count "));
        // a completed app seen at startup is not counted again (Go would re-count it as a new success)
        cache.forEach(metrics.applications()::onApplicationAdded);
        assertEquals(List.of("spark_application_success_count 0.0"),
                lines(metrics.scrapeText(), "spark_application_success_count "));
        cache.remove(0);
        assertEquals(List.of("spark_application_running_count 1.0"),
                lines(metrics.scrapeText(), "spark_application_running_count "));
    }

    @Test
    void labelsComeFromAppLabelsWithNamespaceAndUnknownAndPrefix() {
        MetricsSettings settings = new MetricsSettings("my-op_", List.of("app-type", "namespace", "team"),
                MetricsSettings.DEFAULT_SUBMIT_LATENCY_BUCKETS, MetricsSettings.DEFAULT_START_LATENCY_BUCKETS);
        OperatorMetrics metrics = metrics(settings);
        SparkApplication app = Apps.app("data", "etl", Map.of("app-type", "batch"));
        cache.add(app);
        metrics.applications().onApplicationAdded(app);
        Apps.withState(app, AppState.RUNNING, 1, 1, Apps.CREATED, null);

        String text = metrics.scrapeText();
        assertEquals(List.of("my_op_spark_application_count{app_type=\"batch\",namespace=\"data\",team=\"Unknown\"} 1.0"),
                lines(text, "my_op_spark_application_count{"));
        assertEquals(List.of("my_op_spark_application_running_count{app_type=\"batch\",namespace=\"data\",team=\"Unknown\"} 1.0"),
                lines(text, "my_op_spark_application_running_count{"));
        // a label set known from the cache has its counters at 0 before anything happens to it
        assertEquals(List.of("my_op_spark_application_failure_count{app_type=\"batch\",namespace=\"data\",team=\"Unknown\"} 0.0"),
                lines(text, "my_op_spark_application_failure_count{"));
    }

    @Test
    void labelKeysWithDotsAndSlashesMatchTheirSanitizedForm() {
        MetricsSettings settings = new MetricsSettings("", List.of("app.kubernetes.io/part-of"),
                MetricsSettings.DEFAULT_SUBMIT_LATENCY_BUCKETS, MetricsSettings.DEFAULT_START_LATENCY_BUCKETS);
        OperatorMetrics metrics = metrics(settings);
        cache.add(Apps.app("x", "y", Map.of("app.kubernetes.io/part-of", "billing")));
        String text = metrics.scrapeText();
        assertTrue(text.contains("spark_application_count{app_kubernetes_io_part_of=\"billing\"} 0.0\n"), text);
        assertTrue(text.contains("spark_application_count{app_kubernetes_io_part_of=\"Unknown\"} 0.0\n"), text);
    }

    @Test
    void executorsCountPhasesAndRunningFromCache() {
        OperatorMetrics metrics = metrics(MetricsSettings.defaults());
        ExecutorMetrics executors = metrics.executors();
        Pod one = Apps.executor("default", "pi-exec-1", Map.of(), "Running");
        Pod two = Apps.executor("default", "pi-exec-2", Map.of(), "Running");
        pods.add(one);
        pods.add(two);
        executors.onExecutorPhase(one, "Pending", "Running");
        assertEquals(List.of("spark_executor_running_count 2.0"),
                lines(metrics.scrapeText(), "spark_executor_running_count "));
        one.getStatus().setPhase("Succeeded");
        executors.onExecutorPhase(one, "Running", "Succeeded");
        two.getStatus().setPhase("Failed");
        executors.onExecutorPhase(two, "Running", "Failed");
        executors.onExecutorPhase(two, "Failed", "Failed");
        executors.onExecutorPhase(Apps.executor("default", "old-exec", Map.of(), "Succeeded"), null, "Succeeded");
        String text = metrics.scrapeText();
        assertEquals(List.of("spark_executor_running_count 0.0"), lines(text, "spark_executor_running_count "));
        assertEquals(List.of("spark_executor_success_count 1.0"), lines(text, "spark_executor_success_count "));
        assertEquals(List.of("spark_executor_failure_count 1.0"), lines(text, "spark_executor_failure_count "));
    }
}
