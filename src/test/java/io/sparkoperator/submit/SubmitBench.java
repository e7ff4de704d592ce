package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.bench.BenchmarksFile;
import io.sparkoperator.testing.AssembledSparkHome;
import io.sparkoperator.testing.SparkMockApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make bench-submit}: median wall and CPU time (and peak RSS) of one real spark-submit through the
 * {@link Submitter}, with the JDK's default JVM options and with the tuned ones, in one run. Not a test: it asserts
 * only that every submit succeeded, and writes its table into BENCHMARKS.md between the bench-submit markers.
 */
@Tag("bench")
class SubmitBench {
    static final int RUNS = Integer.getInteger("bench.runs", 5);

    @TempDir
    Path tmp;

    record Sample(double wall, double cpu, long rssMiB) {
    }

    @Test
    void defaultVersusTunedChildJvm() throws Exception {
        Path realHome = AssembledSparkHome.require();
        String loadAtStart = loadAverage();
        Path timings = tmp.resolve("timings.txt");
        Path home = timedSparkHome(realHome, timings);
        KubernetesMockServer server = SparkMockApiServer.start();
        StringBuilder rows = new StringBuilder();
        try {
            SubmitterConfig base = SubmitterConfig.defaults(home, SparkMockApiServer.masterUrl(server))
                    .withJavaHome(Path.of(System.getProperty("java.home")))
                    .withKubeconfig(Path.of("/dev/null")).withWorkDir(tmp.resolve("templates"))
                    .withMaxConcurrentSubmits(1).withTimeout(Duration.ofMinutes(2));
            List<Sample> defaults = measure(base.withChildJvm(ChildJvmOptions.jdkDefaults()), "default", timings);
            ChildJvmOptions tuned = ChildJvmOptions.tuned(tmp.resolve("cds"));
            List<Sample> training = measure(base.withChildJvm(tuned), "train", timings, 1);
            List<Sample> tunedRuns = measure(base.withChildJvm(tuned), "tuned", timings);
            rows.append(row("JDK defaults (nothing added)", defaults));
            rows.append(row("`-XX:TieredStopAtLevel=1` + start-up cache (reused; AOT cache on JDK 25+, else"
                    + " class-data archive)", tunedRuns));
            rows.append(row("first tuned run (creates the cache, once per JDK + jar set)", training));
        } finally {
            server.destroy();
            Files.deleteIfExists(home.resolve("jars")); // the symlink; @TempDir cleanup warns about links leaving it
        }
        String body = header(loadAtStart) + rows;
        System.out.println(body);
        BenchmarksFile.write("bench-submit", "spark-submit per submission (`make bench-submit`)", body);
    }

    private List<Sample> measure(SubmitterConfig config, String label, Path timings) throws IOException {
        return measure(config, label, timings, RUNS);
    }

    private List<Sample> measure(SubmitterConfig config, String label, Path timings, int runs) throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Submitter submitter = new Submitter(config)) {
            for (int i = 0; i < runs; i++) {
                Files.deleteIfExists(timings);
                SparkApplication app = TestApps.sparkPi();
                app.getMetadata().setName("bench-" + label + "-" + i);
                SubmitResult r = submitter.submit(app, label + "-" + i);
                assertInstanceOf(SubmitResult.Submitted.class, r, r::toString);
                String[] t = Files.readString(timings).strip().split("\\s+");
                samples.add(new Sample(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]),
                        Long.parseLong(t[3]) / 1024));
            }
        }
        return samples;
    }

    /** A SPARK_HOME whose bin/spark-submit runs the real one under /usr/bin/time (wall, user, sys, max RSS). */
    private Path timedSparkHome(Path realHome, Path timings) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("timed-spark"));
        Files.createSymbolicLink(home.resolve("jars"), realHome.resolve("jars"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path script = bin.resolve("spark-submit");
        Files.writeString(script, "#!/usr/bin/env bash\nexec /usr/bin/time -f '%e %U %S %M' -o '" + timings + "' '"
                + realHome.resolve("bin/spark-submit") + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return home;
    }

    /** Other work on the machine inflates wall time most, CPU time less: the table says how busy it was. */
    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String header(String load) {
        return String.format(Locale.ROOT, "Machine: %d cores, JDK %s (%s), %s; load average at start %s (%s at end);"
                        + " Spark 4.1.1; fabric8 mock API server; %d submits per row (median), one at a time.%n%n"
                        + "| child JVM options | wall s | CPU s | peak RSS MiB |%n|---|---|---|---|%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vendor"),
                LocalDate.now(ZoneOffset.UTC), load, loadAverage(), RUNS);
    }

    private static String row(String label, List<Sample> s) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d |%n", label,
                median(s.stream().map(Sample::wall).toList()), median(s.stream().map(Sample::cpu).toList()),
                Math.round(median(s.stream().map(x -> (double) x.rssMiB()).toList())));
    }

    private static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
