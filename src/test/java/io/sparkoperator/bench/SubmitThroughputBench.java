package io.sparkoperator.bench;

import io.sparkoperator.testing.AssembledSparkHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: real submission throughput. The benchmark operator with the real Submitter (the submit
 * package's runner, Spark 4.1.1 from {@code make spark-home}, one spark-submit per core at a time) takes N
 * applications created in one burst to SUBMITTED; applications per minute per core = N / time to all SUBMITTED /
 * cores. With the child JVM's defaults, tuned as the submit package ships it (C1 + an AOT cache on a JDK 25+ child),
 * and with the class-data archive JDK 19-24 children get (each tuned row after one untimed run that trains its
 * cache, as the image build does). Writes its section of BENCHMARKS.md.
 */
@Tag("bench")
class SubmitThroughputBench {
    private static final Map<String, String> MODES = Map.of("default", "JDK defaults",
            "cds", "`-XX:TieredStopAtLevel=1` + class-data archive (what JDK 19-24 children get)",
            "tuned", "tuned, as the submit package ships it (`-XX:TieredStopAtLevel=1` + AOT cache on JDK 25+)");

    @Test
    void applicationsPerMinutePerCore() throws Exception {
        Path sparkHome = AssembledSparkHome.require();
        int apps = Integer.getInteger("bench.submit.apps", 8);
        int cores = Runtime.getRuntime().availableProcessors();
        Path work = Path.of(System.getProperty("project.basedir", ".")).resolve("target/bench");

        String loadBefore = MachineInfo.loadAverage();
        List<String> rows = new ArrayList<>();
        double tunedPerMinutePerCore = Double.NaN;
        for (String mode : List.of(System.getProperty("bench.submit.modes", "default,cds,tuned").split(","))) {
            Path cds = Files.createDirectories(work.resolve("submit-" + mode));
            LoadSettings settings = new LoadSettings(apps, "virtual10", Duration.ofSeconds(1), Duration.ofSeconds(2),
                    LoadSettings.DEPLOYED_JVM, Duration.ofMinutes(10), work, List.of("spark-submit",
                            sparkHome.toString(), mode, cds.toString(), work.resolve("submit-work").toString()));
            if (!mode.equals("default")) {
                try (LoadRun training = new LoadRun(settings.withApps(1))) {
                    training.run();
                }
            }
            try (LoadRun run = new LoadRun(settings)) {
                LoadResult r = run.run();
                System.out.println("bench: " + r);
                if (!r.finished()) {
                    throw new AssertionError(mode + " did not finish: " + run.failures() + " " + r);
                }
                double perMinutePerCore = apps / r.allSubmittedSeconds() * 60 / cores;
                if (mode.equals("tuned")) {
                    tunedPerMinutePerCore = perMinutePerCore;
                }
                rows.add(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |", MODES.get(mode), apps,
                        r.allSubmittedSeconds(), r.number("childCpuMs") / 1000 / apps, apps / r.allSubmittedSeconds()
                                * 60, perMinutePerCore));
            }
        }
        String body = "Machine: " + MachineInfo.describe() + ". Load average " + loadBefore + " at start, "
                + MachineInfo.loadAverage() + " at end.\n\nThe benchmark operator (as in the section above) with the"
                + " real Submitter: " + apps + " applications created in one burst, at most " + cores
                + " spark-submits at a time (the default: one per core), against the lean API server.\n\n"
                + "| spark-submit JVM | apps | all SUBMITTED s | spark-submit CPU s per app | apps per minute |"
                + " apps per minute per core |\n|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n\n"
                + new Targets().atLeast("real submission at 25+ applications per minute per core (shipped tuning)",
                        tunedPerMinutePerCore, 25, "per minute per core").table();
        BenchmarksFile.write("bench-throughput", "Real submission throughput (`make bench`)", body);
        System.out.println(body);
    }
}
