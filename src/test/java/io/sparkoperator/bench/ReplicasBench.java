package io.sparkoperator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}, the scale-out part (issue 17): the same burst of SparkApplications (fake spark-submit, the
 * simulated kubelet) against 1, 2 and 4 benchmark operators running as active-active replicas on shard Leases, each
 * its own JVM with the deployed options. Per replica CPU and passes for the burst; then, with two or more replicas, a
 * second batch during which one replica is killed (SIGKILL, Leases left to expire) once half of it is SUBMITTED: how
 * long until its shards have new holders and its unfinished apps move again. Every pass of every replica is logged;
 * the run fails if two passes over one app ever overlapped or an app got other than one driver pod.
 */
@Tag("bench")
class ReplicasBench {
    @Test
    void activeActiveReplicas() throws Exception {
        List<Integer> counts = Arrays.stream(System.getProperty("bench.replicas", "1,2,4").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int apps = Integer.getInteger("bench.replicas.apps", 10_000);
        int deathApps = Integer.getInteger("bench.replicas.death.apps", 2_000);
        int warmupApps = Integer.getInteger("bench.replicas.warmup.apps", 3_000);
        // > 0: the measured apps are created at this many per second (no death batch; its own section)
        double rate = Double.parseDouble(System.getProperty("bench.replicas.rate", "0"));
        Path logs = Path.of(System.getProperty("project.basedir", ".")).resolve("target/bench");
        LoadSettings settings = new LoadSettings(apps, "virtual10", Duration.ofSeconds(1), Duration.ofSeconds(2),
                LoadSettings.DEPLOYED_JVM, Duration.ofMinutes(15), logs, List.of());
        String loadBefore = MachineInfo.loadAverage();
        List<String> burstRows = new ArrayList<>();
        List<String> deathRows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warmupRows = new ArrayList<>();
        double singleCpu = Double.NaN;
        double singleWarmupCpu = Double.NaN;
        double worstWarmupSpread = Double.NaN;
        double worstSpread = Double.NaN;
        double worstHandOver = Double.NaN;
        long overlaps = 0;
        for (int count : counts) {
            try (ReplicasRun run = new ReplicasRun(settings, count)) {
                double balanced = run.start();
                // Fresh JVMs spend most of a first burst compiling (JIT, once per process life): measured apart
                ReplicasRun.Burst warmup = run.burst(0, warmupApps);
                System.out.println("bench: " + count + " replicas, warm-up " + warmup);
                double warmupTotal = warmup.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
                if (count == 1) {
                    singleWarmupCpu = warmupTotal;
                }
                double warmupSpread = spread(warmup, singleWarmupCpu / count);
                if (count == 4) {
                    worstWarmupSpread = warmupSpread;
                }
                warmupRows.add(String.format(Locale.ROOT, "| %d | %.1f | %s | %.1f | %s | %s |", count,
                        warmup.allSubmittedSeconds(), tenths(warmup.cpuSeconds()), warmupTotal,
                        percent(warmupSpread), tenths(warmup.gcSeconds())));
                check(problems, count + " replicas, warm-up", warmup);
                ReplicasRun.Burst burst = rate > 0 ? run.paced(warmupApps, apps, rate) : run.burst(warmupApps, apps);
                System.out.println("bench: " + count + " replicas " + burst);
                double total = burst.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
                if (count == 1) {
                    singleCpu = total;
                }
                double spread = spread(burst, singleCpu / count);
                if (count == 4) {
                    worstSpread = spread;
                }
                burstRows.add(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %s | %s | %s | %.1f | %.2f | %s | %s | %.1f |",
                        count, balanced, burst.allSubmittedSeconds(), burst.allCompletedSeconds(),
                        tenths(burst.cpuSeconds()), tenths(burst.gcSeconds()),
                        joined(burst.liveHeapMiB().values().stream().map(String::valueOf)),
                        total, total * 1000 / apps, percent(spread),
                        joined(burst.reconciles().values().stream().map(String::valueOf)),
                        (double) burst.requests() / apps));
                check(problems, count + " replicas, burst", burst);
                if (count > 1 && rate == 0) {
                    ReplicasRun.Death death = run.burstWithDeath(warmupApps + apps, deathApps, 0);
                    System.out.println("bench: " + count + " replicas, death " + death);
                    worstHandOver = Double.isNaN(worstHandOver) ? death.shardsTakenSeconds()
                            : Math.max(worstHandOver, death.shardsTakenSeconds());
                    deathRows.add(String.format(Locale.ROOT, "| %d | %s (%d shards) | %d | %.1f | %.1f | %.1f | %.1f |",
                            count, death.victim(), death.shards().size(), death.appsInFlight(),
                            death.shardsTakenSeconds(), death.firstMovedSeconds(), death.allMovedSeconds(),
                            death.burst().allCompletedSeconds()));
                    check(problems, count + " replicas, death", death.burst());
                }
                PassOverlaps.Finding finding = run.overlaps();
                overlaps += finding.overlaps();
                System.out.println("bench: " + count + " replicas " + finding);
                if (finding.overlaps() > 0) {
                    problems.add(count + " replicas: " + finding.overlaps() + " overlapping passes, e.g. "
                            + finding.examples());
                }
                List<String> notOne = run.notOneDriver();
                if (!notOne.isEmpty()) {
                    problems.add(count + " replicas: " + notOne.size() + " apps without exactly one driver, e.g. "
                            + notOne.subList(0, Math.min(5, notOne.size())));
                }
                burstRows.set(burstRows.size() - 1, burstRows.get(burstRows.size() - 1) + " " + finding.passes()
                        + " / " + finding.overlaps() + " |");
            }
        }
        String body = "Machine: " + MachineInfo.describe() + ". Load average " + loadBefore + " at start, "
                + MachineInfo.loadAverage() + " at end.\n\nEach replica is a benchmark operator JVM (`"
                + String.join(" ", LoadSettings.DEPLOYED_JVM) + "`, the controller's dispatcher, fake spark-submit)"
                + " with `--shards=" + ReplicasRun.SHARDS + "` and the shipped Lease timings (15 s lease, 10 s renew"
                + " deadline, 2 s retry); the lean API server and the simulated kubelet (Pending 1 s, Running 2 s)"
                + " in the harness JVM. The machine has 2 cores and no way to give each JVM its own: every replica,"
                + " the API server and the kubelet share both under the Linux scheduler, so CPU is each process's own"
                + " CPU time (from its /proc) and wall times are those of a shared machine. Once every replica holds"
                + " its share of the shards, a first burst of " + warmupApps + " apps warms the fresh JVMs up (their"
                + " JIT compiles the operator's hot code once per process life); then " + apps + " apps are created"
                + (rate > 0 ? String.format(Locale.ROOT, " at %.0f per second (`-Dbench.replicas.rate`: a load the 2"
                        + " cores carry without every process queueing for them, so each replica's CPU shows its"
                        + " work rather than the contention; all SUBMITTED is then mostly the creation time)", rate)
                        : " in one burst") + " and measured."
                + (Boolean.getBoolean("bench.replicas.prelabelled") ? " Every app is created already carrying its"
                        + " shard labels (`-Dbench.replicas.prelabelled=true`), so none passes through the"
                        + " not-yet-labelled watch every replica keeps." : "") + "\n\n"
                + "First burst, fresh JVMs (" + warmupApps + " apps, JIT included):\n\n"
                + "| replicas | all SUBMITTED s | CPU s per replica | CPU s, all replicas | largest replica's distance"
                + " from 1/N of the single replica | GC s per replica |\n|---|---|---|---|---|---|\n"
                + String.join("\n", warmupRows)
                + "\n\nThe measured " + (rate > 0 ? "apps" : "burst") + " (" + apps + " apps, warm JVMs):\n\n"
                + "| replicas | launch to shards balanced s | all SUBMITTED s | all COMPLETED s | CPU s per replica"
                + " | of which GC s | live heap MiB after | CPU s, all replicas | ms per app, all replicas | largest replica's distance from 1/N of the"
                + " single replica | passes per replica | API requests per app | passes logged (both batches) /"
                + " overlapping |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", burstRows) + "\n\n"
                + (rate > 0 ? "" : deathTable(deathApps, deathRows))
                + targets(overlaps, rate == 0, worstHandOver)
                        .below("4 replicas: each replica's CPU within 30 % of a quarter of the single replica's"
                                + " (warm JVMs, the measured " + (rate > 0 ? "paced apps" : "burst") + ")",
                                worstSpread * 100, 30, "%")
                        .below("the same for the first burst on fresh JVMs (JIT included; not the target, shown)",
                                worstWarmupSpread * 100, 30, "%").table();
        if (Boolean.getBoolean("bench.replicas.prelabelled")) {
            BenchmarksFile.write("bench-replicas-prelabelled", "Active-active replicas, apps created with their"
                    + " shard labels (`make bench`, `-Dbench.replicas.prelabelled=true`)", body);
        } else if (rate > 0) {
            BenchmarksFile.write("bench-replicas-paced", "Active-active replicas, apps at a steady rate"
                    + " (`make bench`, `-Dbench.replicas.rate`)", body);
        } else {
            BenchmarksFile.write("bench-replicas", "Active-active replicas (`make bench`)", body);
        }
        System.out.println(body);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /** The no-overlap row, and the hand-over row where a death was measured (not in a paced run). */
    private static Targets targets(long overlaps, boolean deaths, double handOver) {
        Targets targets = new Targets().below("overlapping passes on one app, every run", overlaps, 1, "");
        return !deaths ? targets
                : targets.below("hand-over after a replica's death within lease duration + 5 s", handOver, 20, "s");
    }

    private static String deathTable(int deathApps, List<String> deathRows) {
        return "A replica's death: " + deathApps + " more apps created at once; when half of them are SUBMITTED,"
                + " replica-0 is killed with SIGKILL (its Leases stay until they expire). Seconds from the kill:\n\n"
                + "| replicas | killed | its apps not yet COMPLETED at the kill | its shards all held by others"
                + " | first of those apps moved again | last of them moved again | batch all COMPLETED (from its"
                + " create) |\n|---|---|---|---|---|---|---|\n" + String.join("\n", deathRows) + "\n\n";
    }

    /** How far the replica furthest from {@code share} is from it, as a fraction of it. */
    private static double spread(ReplicasRun.Burst burst, double share) {
        return burst.cpuSeconds().values().stream().mapToDouble(cpu -> Math.abs(cpu - share) / share).max()
                .orElse(Double.NaN);
    }

    private static void check(List<String> problems, String run, ReplicasRun.Burst burst) {
        if (Double.isNaN(burst.allCompletedSeconds()) || burst.failed() > 0) {
            problems.add(run + ": not every app COMPLETED (" + burst.failed() + " failed): " + burst);
        }
    }

    private static String tenths(Map<String, Double> perReplica) {
        return joined(perReplica.values().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)));
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    private static String joined(java.util.stream.Stream<String> values) {
        return values.collect(Collectors.joining(" / "));
    }
}
