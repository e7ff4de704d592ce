package io.sparkoperator.bench;

import io.sparkoperator.testing.AssembledSparkHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-submit}, the side-by-side part: the benchmark operator (its own JVM, the deployed heap) with
 * the real Submitter against the lean API server, the same spark-pi apps created in one burst, once per submission
 * path: a new spark-submit JVM with the JDK's defaults, a new tuned one (C1 + AOT cache, trained first), and the
 * warm submission workers (the default). CPU counts the operator and every submission process (finished children
 * from /proc/self/stat, live workers from /proc/<pid>/stat). Then the warm path under sustained load, 1 and 3 new
 * apps per second for {@code bench.paced.seconds} each, with create -> SUBMITTED percentiles per 30 s window.
 * Plain HTTP unless {@code -Dbench.tls=true}; the text it writes says which.
 */
@Tag("bench")
class SubmissionPathsBench {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** The operator JVM's options: the deployed ones, or {@code -Dbench.paths.operator.jvm=a,b} to try others. */
    private static final List<String> OPERATOR_JVM = LoadSettings.operatorJvm("bench.paths.operator.jvm");

    @Test
    void coldDefaultColdTunedAndWarmSideBySide() throws Exception {
        Path sparkHome = AssembledSparkHome.require();
        Path work = Path.of(System.getProperty("project.basedir", ".")).resolve("target/bench");
        int burst = Integer.getInteger("bench.paths.apps", 100);
        int defaultApps = Integer.getInteger("bench.paths.default.apps", 20);
        int pacedSeconds = Integer.getInteger("bench.paced.seconds", 120);
        String loadBefore = MachineInfo.loadAverage();
        List<String> rows = new ArrayList<>();
        double tunedCpu = Double.NaN;
        double warmCpu = Double.NaN;
        double warmRequests = Double.NaN;
        for (String mode : List.of(System.getProperty("bench.paths.modes", "default,tuned,warm").split(","))) {
            LoadSettings settings = settings(sparkHome, work, mode, mode.equals("default") ? defaultApps : burst);
            if (mode.equals("tuned")) {
                try (LoadRun training = new LoadRun(settings.withApps(1))) {
                    training.run(); // trains the AOT cache, as the image build does
                }
            }
            try (LoadRun run = new LoadRun(settings)) {
                LoadResult r = run.run();
                System.out.println("bench: " + mode + " " + r);
                if (!r.finished()) {
                    throw new AssertionError(mode + " did not finish: " + run.failures() + " " + r);
                }
                double cpu = totalCpuPerApp(r);
                if (mode.equals("tuned")) {
                    tunedCpu = cpu;
                } else if (mode.equals("warm")) {
                    warmCpu = cpu;
                    warmRequests = r.requestsPerApp();
                }
                rows.add(row(label(mode), r, mode.equals("warm")));
            }
        }
        // A warm instance, as the peer was measured: the same burst after a first one warmed the operator and workers.
        // 400 first: after 100 the operator's JIT is still compiling its hot paths (0.105-0.128 s per app to COMPLETED
        // after 100, 0.076 s after 400, 2026-12-07); a long-running operator has long passed both.
        int warmupApps = Integer.getInteger("bench.paths.warmup.apps", 400);
        double warmInstanceLifecycleCpu = Double.NaN;
        double warmInstanceCpu = Double.NaN;
        if (warmupApps > 0) {
            try (LoadRun run = new LoadRun(settings(sparkHome, work, "warm", burst))) {
                LoadResult r = run.runWarmInstance(warmupApps, true);
                System.out.println("bench: warm instance " + r);
                if (!r.finished()) {
                    throw new AssertionError("warm instance did not finish: " + run.failures() + " " + r);
                }
                warmInstanceLifecycleCpu = totalCpuPerApp(r);
                rows.add(row("warm workers, warm instance (after a first burst of " + warmupApps + ")", r, true));
            }
            // The measure of the operator's share: its CPU while the apps go from created to SUBMITTED.
            try (LoadRun run = new LoadRun(heldPending(settings(sparkHome, work, "warm", burst)))) {
                LoadResult r = run.runWarmInstance(warmupApps, false);
                System.out.println("bench: warm instance, to SUBMITTED " + r);
                if (r.submitted() != burst || r.failed() > 0) {
                    throw new AssertionError("warm instance, to SUBMITTED: not all submitted " + r);
                }
                warmInstanceCpu = totalCpuPerApp(r);
                rows.add(row("warm workers, warm instance, created -> SUBMITTED only (drivers kept Pending)", r,
                        true));
            }
        }
        // The submission's own requests: drivers kept Pending, so nothing after SUBMITTED is counted.
        int countedApps = Integer.getInteger("bench.paths.counted.apps", 20);
        double requestsPerSubmission = Double.NaN;
        StringBuilder requestRows = new StringBuilder();
        try (LoadRun run = new LoadRun(heldPending(settings(sparkHome, work, "warm", countedApps)))) {
            LoadResult r = run.runToSubmitted();
            System.out.println("bench: warm, to SUBMITTED only " + r);
            if (r.submitted() != countedApps || r.failed() > 0) {
                throw new AssertionError("warm, to SUBMITTED only: not all submitted " + r);
            }
            requestsPerSubmission = r.requestsPerApp();
            r.requests().forEach((request, n) -> requestRows.append(String.format(Locale.ROOT, "| %s | %.2f |%n",
                    request, (double) n / countedApps)));
        }
        List<String> paced = new ArrayList<>();
        double worstP99 = Double.NaN;
        for (double rate : pacedSeconds > 0 ? new double[] {1, 3} : new double[0]) {
            int apps = (int) (rate * pacedSeconds);
            LoadSettings settings = settings(sparkHome, work, "warm", apps);
            try (LoadRun run = new LoadRun(settings)) {
                PacedResult r = run.runPaced(rate);
                System.out.println("bench: paced " + rate + "/s all submitted " + r.allSubmitted());
                if (!r.allSubmitted() || r.failed() > 0) {
                    throw new AssertionError("paced " + rate + "/s: not all submitted, " + r.failed() + " failed");
                }
                double cpu = (r.delta("cpuTotalMs") + r.delta("childCpuMs") + r.delta("liveChildCpuMs")) / 1000 / apps;
                StringBuilder windows = new StringBuilder();
                for (int from = 0; from < pacedSeconds; from += 30) {
                    windows.append(String.format(Locale.ROOT, " %d-%d s: %.2f / %.2f;", from, from + 30,
                            r.percentile(50, from, from + 30), r.percentile(99, from, from + 30)));
                }
                double p99 = r.percentile(99, 0, pacedSeconds);
                if (rate == 3) {
                    worstP99 = p99;
                }
                paced.add(String.format(Locale.ROOT, "| %.0f | %d | %.2f | %.2f | %.3f |%s |", rate, apps,
                        r.percentile(50, 0, pacedSeconds), p99, cpu, windows));
            }
        }
        String body = "Machine: " + MachineInfo.describe() + ". Load average " + loadBefore + " at start, "
                + MachineInfo.loadAverage() + " at end.\n\nThe benchmark operator (its own JVM, `"
                + String.join(" ", OPERATOR_JVM) + "`) with the real Submitter, at most " + CORES
                + " submissions at a time, against the lean API server (" + (LoadSettings.tls()
                        ? "HTTPS, `-Dbench.tls=true`: a self-signed RSA 2048 certificate the operator and spark-submit"
                                + " trust as their CA" : "plain HTTP; `-Dbench.tls=true` for HTTPS")
                + "); each app goes on to COMPLETED"
                + " (simulated kubelet). CPU per app = the operator's CPU from ready to the end, plus every"
                + " submission process's (finished spark-submit JVMs, live or retired workers, their start-up"
                + " included), divided by the apps.\n\n"
                + "| submission path | apps (one burst) | all SUBMITTED s | operator CPU s/app | submission CPU s/app"
                + " | total CPU s/app | operator peak RSS MiB | worker peak RSS MiB (sum) | submissions per CPU-minute"
                + " | API requests per app (whole lifecycle) |\n|---|---|---|---|---|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n\nSustained load on the warm path, on a running operator (the"
                + " load starts once it has made one submission, its first worker up and warm; its start-up is in the"
                + " burst rows above): apps created at a steady rate for "
                + pacedSeconds + " s; seconds from create to SUBMITTED, p50 / p99 over the run and per 30 s window"
                + " of creation (a growing backlog would show as growing windows).\n\n"
                + "| new apps per s | apps | p50 s | p99 s | total CPU s/app | p50 / p99 by window |\n"
                + "|---|---|---|---|---|---|\n" + String.join("\n", paced) + "\n\n"
                + "API requests of the submission itself (warm path, " + countedApps + " apps created at once, the"
                + " kubelet keeping every driver Pending so nothing after SUBMITTED is counted; operator and worker"
                + String.format(Locale.ROOT, " together): %.2f per app.%n%n", requestsPerSubmission)
                + "| request | per app, create -> SUBMITTED |\n|---|---|\n" + requestRows + "\n"
                + new Targets().below("operator + warm worker CPU per submission <= 0.1 s (warm instance, created"
                                + " -> SUBMITTED; to COMPLETED: " + String.format(Locale.ROOT, "%.3f s; from a fresh"
                                + " start: %.2f s)", warmInstanceLifecycleCpu, warmCpu), warmInstanceCpu, 0.1, "s")
                        .atLeast("warm >= 25x the tuned cold path (CPU per app, both to COMPLETED; warm instance;"
                                + String.format(Locale.ROOT, " from a fresh start: %.1fx)", tunedCpu / warmCpu),
                                tunedCpu / warmInstanceLifecycleCpu, 25, "x")
                        .below("at most 11 API requests per submission (create -> SUBMITTED; whole lifecycle: "
                                + String.format(Locale.ROOT, "%.1f", warmRequests) + ")", requestsPerSubmission, 11,
                                "requests")
                        .below("p99 create -> SUBMITTED under 1 s at 3 new apps per s", worstP99, 1, "s").table();
        BenchmarksFile.write("bench-submission-paths", "Cold and warm submission side by side (`make bench-submit`)",
                body);
        System.out.println(body);
    }

    /** The same with a kubelet that keeps every driver Pending: the apps stop at SUBMITTED. */
    private static LoadSettings heldPending(LoadSettings s) {
        return new LoadSettings(s.apps(), s.dispatcher(), Duration.ofHours(1), s.runFor(), s.jvmOptions(), s.bound(),
                s.logDir(), s.submitter());
    }

    /** The operator's CPU per app from ready to the end. */
    private static double operatorCpuPerApp(LoadResult r) {
        return r.number("cpuSinceReadyMs") / 1000 / r.settings().apps();
    }

    /** Every submission process's CPU per app (finished spark-submit JVMs, live or retired workers). */
    private static double submissionCpuPerApp(LoadResult r) {
        return (r.number("childCpuMs") + r.number("liveChildCpuMs")) / 1000 / r.settings().apps();
    }

    private static double totalCpuPerApp(LoadResult r) {
        return operatorCpuPerApp(r) + submissionCpuPerApp(r);
    }

    /** A row of the side-by-side table; {@code workers}: the peak RSS of live workers is shown. */
    private static String row(String label, LoadResult r, boolean workers) {
        double cpu = totalCpuPerApp(r);
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.3f | %.3f | %.3f | %.0f | %s | %.0f | %.1f |", label,
                r.settings().apps(), r.allSubmittedSeconds(), operatorCpuPerApp(r), submissionCpuPerApp(r), cpu,
                r.number("peakRssMiB"), workers ? String.format(Locale.ROOT, "%.0f", r.number("liveChildPeakRssMiB"))
                        : "-", 60 / cpu, r.requestsPerApp());
    }

    private static LoadSettings settings(Path sparkHome, Path work, String mode, int apps) throws Exception {
        Path cds = Files.createDirectories(work.resolve("paths-" + (mode.equals("default") ? "default" : "tuned")));
        return new LoadSettings(apps, "virtual10", Duration.ofSeconds(1), Duration.ofSeconds(2),
                OPERATOR_JVM, Duration.ofMinutes(15), work, List.of("spark-submit", sparkHome.toString(),
                        mode, cds.toString(), work.resolve("paths-work").toString()));
    }

    private static String label(String mode) {
        return switch (mode) {
            case "default" -> "cold, JDK defaults";
            case "tuned" -> "cold, tuned (C1 + AOT cache)";
            default -> "warm submission workers (default)";
        };
    }
}
