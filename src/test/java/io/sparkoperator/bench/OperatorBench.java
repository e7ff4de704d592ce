package io.sparkoperator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: the operator's own overhead, without spark-submit's cost. For each N (default 1,000 and
 * 10,000) and each dispatcher (the controller's virtual threads, and a fixed pool of 10 platform threads as the Go
 * operator's reference point), a fresh cluster gets N SparkApplications in one burst; then a fresh operator starts
 * against the 10,000 finished applications. Writes its section of BENCHMARKS.md. Not a test: it fails only when
 * the runs do not finish.
 */
@Tag("bench")
class OperatorBench {
    @Test
    void operatorOverhead() throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.apps", "1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        List<String> dispatchers = List.of(System.getProperty("bench.dispatchers", "virtual,pool10").split(","));
        Path logs = Path.of(System.getProperty("project.basedir", ".")).resolve("target/bench");
        LoadSettings base = new LoadSettings(0, "virtual", Duration.ofSeconds(1), Duration.ofSeconds(2),
                LoadSettings.DEPLOYED_JVM, Duration.ofMinutes(10), logs, List.of());
        String loadBefore = MachineInfo.loadAverage();
        String busiest = MachineInfo.busiestProcesses();
        List<LoadResult> results = new ArrayList<>();
        StartupResult startup = null;
        LoadResult largestVirtual = null;
        for (int apps : sizes) {
            for (String dispatcher : dispatchers) {
                LoadSettings settings = base.withApps(apps).withDispatcher(dispatcher.trim());
                try (LoadRun run = new LoadRun(settings)) {
                    LoadResult result = run.run();
                    System.out.println("bench: " + result);
                    if (!run.failures().isEmpty()) {
                        System.out.println("bench: failures " + run.failures());
                    }
                    results.add(result);
                    if (dispatcher.trim().equals("virtual") && apps == sizes.get(sizes.size() - 1)) {
                        largestVirtual = result;
                        startup = run.restart();
                        System.out.println("bench: " + startup);
                    }
                }
            }
        }
        StringBuilder body = new StringBuilder();
        body.append("Machine: ").append(MachineInfo.describe()).append(". Load average ").append(loadBefore)
                .append(" at start, ").append(MachineInfo.loadAverage()).append(" at end. Busiest processes at start"
                        + " (`ps -eo pcpu,etime,args`):\n\n```\n").append(busiest).append("\n```\n\n");
        body.append(String.format(Locale.ROOT, "Operator JVM: `%s` (what the deployment's 1 GiB limit gives by"
                + " ergonomics), its own process; API server and kubelet in the harness JVM. Driver pods Pending for"
                + " %d ms, then Running for %d ms, then Succeeded. All applications created in one burst at t = 0;"
                + " times are from the first create.%n%n", String.join(" ", base.jvmOptions()),
                base.startAfter().toMillis(), base.runFor().toMillis()));
        body.append(OperatorBenchReport.loadTable(results));
        if (largestVirtual != null) {
            body.append("\nAPI requests per application, ").append(largestVirtual.settings().apps())
                    .append(" applications, virtual threads:\n\n").append(OperatorBenchReport.requestTable(largestVirtual));
        }
        if (startup != null) {
            body.append("\nStart-up against the finished applications of that run (a fresh operator JVM):\n\n")
                    .append(OperatorBenchReport.startupTable(startup));
        }
        BenchmarksFile.write("bench-operator", "Operator overhead (`make bench`)", body.toString());
        System.out.println(body);
        for (LoadResult result : results) {
            if (!result.finished()) {
                throw new AssertionError("run " + result.settings().label() + " did not finish: " + result);
            }
        }
    }
}
