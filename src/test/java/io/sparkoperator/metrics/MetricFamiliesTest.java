package io.sparkoperator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricFamiliesTest {
    @Test
    void concurrentIncrementsAndObservationsAreNotLost() throws Exception {
        CounterFamily counter = new CounterFamily("c", "h", List.of("k"), Exposition.COUNTER);
        HistogramFamily histogram = new HistogramFamily("h", "h", List.of(), List.of(1.0, 2.0));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counter.inc(List.of(i % 2 == 0 ? "even" : "odd"));
                        histogram.observe(List.of(), 1.5);
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(40_000, counter.value(List.of("even")));
        assertEquals(40_000, counter.value(List.of("odd")));
        var point = ((io.prometheus.metrics.model.snapshots.HistogramSnapshot) histogram.snapshot())
                .getDataPoints().get(0);
        assertEquals(80_000, point.getCount());
        assertEquals(0, point.getClassicBuckets().getCount(0));
        assertEquals(80_000, point.getClassicBuckets().getCount(1));
    }

    @Test
    void wrongNumberOfLabelValuesIsAProgrammingError() {
        CounterFamily counter = new CounterFamily("c", "h", List.of("a", "b"), Exposition.COUNTER);
        assertThrows(IllegalArgumentException.class, () -> counter.inc(List.of("only-one")));
    }

    @Test
    void namesAndLabelKeysAreSanitizedLikeTheFlagsExpect() {
        assertEquals("my_op_spark_application_count", MetricNaming.metricName("my-op_", "spark_application_count"));
        assertEquals("app_kubernetes_io_name", MetricNaming.labelName("app.kubernetes.io/name"));
        assertEquals("_1team", MetricNaming.labelName("1team"));
    }

    @Test
    void bucketAndLabelFlagsParseWithClearErrors() {
        assertEquals(List.of(0.5, 1.0, 30.0), MetricsSettings.parseBuckets(" 0.5, 1,30 "));
        assertEquals(List.of("app_type", "namespace"), MetricsSettings.parseLabels("app_type,namespace"));
        assertEquals(List.of(), MetricsSettings.parseLabels(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricsSettings.parseBuckets("1,fast"));
        assertEquals("latency bucket 'fast' is not a number", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MetricsSettings("", List.of(), List.of(-1.0),
                MetricsSettings.DEFAULT_START_LATENCY_BUCKETS));
    }

    @Test
    void reconcileOutcomeFollowsControllerRuntimeVocabulary() {
        assertEquals("success", ReconcileOutcome.of(Optional.empty()).label());
        assertEquals("requeue", ReconcileOutcome.of(Optional.of(Duration.ZERO)).label());
        assertEquals("requeue_after", ReconcileOutcome.of(Optional.of(Duration.ofSeconds(5))).label());
    }

    @Test
    void processMemoryComesFromProcStatusAndIsLeftOutWithoutIt(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmSize:\t 2048 kB\nVmRSS:\t    1000 kB\n");
        MetricSnapshots with = new ProcessMetrics(status).collect();
        assertEquals(1000 * 1024.0, gauge(with, "process_resident_memory_bytes"));
        assertEquals(2048 * 1024.0, gauge(with, "process_virtual_memory_bytes"));
        MetricSnapshots without = new ProcessMetrics(dir.resolve("missing")).collect();
        assertFalse(without.stream().anyMatch(s -> s.getMetadata().getName().equals("process_resident_memory_bytes")));
        assertTrue(without.stream().anyMatch(s -> s.getMetadata().getName().equals("process_cpu_seconds")));
    }

    @Test
    void submissionWorkersAreCountedAndTheirResidentMemoryReadFromProc() {
        ControllerMetrics metrics = new ControllerMetrics();
        long live = ProcessHandle.current().pid(); // a process that surely exists and has a resident set
        metrics.trackSubmissionWorkers(() -> List.of(live), () -> 3, () -> 1);

        MetricSnapshots scraped = metrics.collect();

        assertEquals(1.0, gauge(scraped, "spark_operator_submission_workers"));
        assertTrue(gauge(scraped, "spark_operator_submission_workers_resident_memory_bytes") > 10L << 20,
                "a live process's resident memory");
        metrics.trackSubmissionWorkers(() -> List.of(Long.MAX_VALUE), () -> 3, () -> 1);
        assertEquals(0.0, gauge(metrics.collect(), "spark_operator_submission_workers_resident_memory_bytes"),
                "a worker gone meanwhile counts nothing");
    }

    @Test
    void jvmMetricsReportHeapAndGcCollectors() {
        MetricSnapshots jvm = new JvmMetrics().collect();
        assertTrue(gauge(jvm, "jvm_threads_current") >= 1);
        assertTrue(jvm.stream().anyMatch(s -> s.getMetadata().getName().equals("jvm_gc_collection_seconds")
                && !s.getDataPoints().isEmpty()));
    }

    private static double gauge(MetricSnapshots snapshots, String name) {
        for (MetricSnapshot s : snapshots) {
            if (s.getMetadata().getName().equals(name)) {
                return ((GaugeSnapshot) s).getDataPoints().get(0).getValue();
            }
        }
        throw new AssertionError(name + " not found");
    }
}
