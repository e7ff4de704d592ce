package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.SparkMockApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One submission worker's own CPU per submission once warm: a number of submissions warm it up, then the CPU the
 * worker process spends on the next ones (read from the OS for its pid) is divided by their count. The quick loop
 * for work on the worker itself ({@code make bench-submit} measures the whole path with the operator).
 *
 * <p>Knobs: {@code -Dbench.worker.warmup} (default 100), {@code -Dbench.worker.submissions} (200),
 * {@code -Dbench.worker.options} (JVM options added to the worker's, space-separated, e.g.
 * {@code -XX:StartFlightRecording=settings=profile}) and {@code -Dbench.worker.jfr.dump=<file>} (where to dump
 * that recording after the measured submissions).
 */
@Tag("bench")
class WorkerCostBench {
    @TempDir
    Path work;

    @Test
    void workerCpuPerWarmSubmission() throws Exception {
        int warmup = Integer.getInteger("bench.worker.warmup", 100);
        int measured = Integer.getInteger("bench.worker.submissions", 200);
        String extra = System.getProperty("bench.worker.options", "").strip();
        KubernetesMockServer server = SparkMockApiServer.start();
        SubmitterConfig config = SparkMockApiServer.submitterConfig(server, work)
                .withTimeout(Duration.ofSeconds(120)).withMaxConcurrentSubmits(1);
        WorkerSettings settings = WorkerSettings.defaults().withLimits(warmup + measured + 1,
                WorkerSettings.DEFAULT_MAX_HEAP_MIB);
        if (!extra.isEmpty()) {
            List<String> options = new ArrayList<>(settings.jvmOptions());
            options.addAll(List.of(extra.split("\\s+")));
            settings = settings.withJvmOptions(options);
        }
        try (Submitter warm = new Submitter(config, settings)) {
            for (int i = 0; i < warmup; i++) {
                submit(warm, i);
            }
            assertEquals(1, warm.workerPids().size(), "one worker");
            ProcessHandle worker = ProcessHandle.of(warm.workerPids().get(0)).orElseThrow();
            long cpuBefore = cpuNanos(worker);
            long wallBefore = System.nanoTime();
            for (int i = warmup; i < warmup + measured; i++) {
                submit(warm, i);
            }
            double cpu = (cpuNanos(worker) - cpuBefore) / 1e9 / measured;
            double wall = (System.nanoTime() - wallBefore) / 1e9 / measured;
            assertEquals(List.of(worker.pid()), warm.workerPids(), "the same worker did them all");
            dumpRecording(worker.pid());
            System.out.printf(Locale.ROOT, "worker-cost: options [%s]: %d warm-up, %d measured: worker CPU %.3f s"
                    + " per submission, wall %.3f s per submission%n", extra, warmup, measured, cpu, wall);
        } finally {
            server.destroy();
        }
    }

    private static void submit(Submitter warm, int i) {
        SparkApplication app = TestApps.sparkPi();
        app.getMetadata().setName("pi-" + i);
        app.getMetadata().setNamespace("cost-" + (i % 4));
        assertInstanceOf(SubmitResult.Submitted.class, warm.submit(app, "cost-" + i), "submission " + i);
    }

    /** With a JFR recording in the options: dumped now, as the worker is stopped without a JVM exit hook. */
    private static void dumpRecording(long pid) throws Exception {
        String dump = System.getProperty("bench.worker.jfr.dump");
        if (dump != null) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JFR.dump", "filename=" + dump).inheritIO()
                    .start().waitFor();
        }
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }
}
