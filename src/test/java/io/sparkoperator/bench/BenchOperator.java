package io.sparkoperator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.Controllers;
import io.sparkoperator.batch.BatchScheduling;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.bench.apiserver.BenchClients;
import io.sparkoperator.metrics.PrometheusConfigMap;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.ReconcileObserver;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.sparkapp.ApplicationListener;
import io.sparkoperator.sparkapp.SparkApplicationReconciler;
import io.sparkoperator.sparkapp.SparkSubmission;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.StateMachineConfig;
import io.sparkoperator.submit.ChildJvmOptions;
import io.sparkoperator.submit.Submitter;
import io.sparkoperator.submit.SubmitterConfig;
import io.sparkoperator.submit.WorkerSettings;
import io.sparkoperator.ui.UiServiceOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator under load, in its own JVM so its CPU, heap and RSS are its own: the controller runtime and the
 * SparkApplication reconciler wired as the operator's Main wires them (real state machine, status writer, events,
 * UI Service), with {@link PodOnlySubmission} for spark-submit, or the real Submitter when asked. Leader election, the
 * metrics endpoint and the ScheduledSparkApplication reconciler are left out (no scheduled apps in the load); with
 * {@code -Dbench.shards=N} it is one active-active replica ({@link BenchSharding}), with {@code -Dbench.passlog=FILE}
 * it records every pass ({@link PassLogFile}).
 *
 * <p>Dispatchers: {@code virtualN} (the controller's own: a virtual thread per pass, at most N at a time, pod events
 * first; {@code virtual10} is what ships), {@code unbounded} (the same without a bound, as before the bound existed),
 * {@code poolN} (N platform threads, {@link PlatformPoolReconciler}, the Go operator's model). Talks to {@link OperatorProcess} over stdin/stdout: prints {@code READY <uptime ms> <sync ms>} once the
 * caches synced; answers {@code report} with {@code REPORT <json>}, {@code await <n>} with {@code RECONCILED
 * <uptime ms>} once n reconciliations finished and none runs; {@code stop} (or end of input) ends it.
 */
public final class BenchOperator {
    public static void main(String[] args) throws Exception {
        String api = args[0];
        String dispatcher = args[1];
        KubernetesClient client = BenchClients.to(api);
        Clock clock = Clock.systemUTC();
        AtomicReference<Boolean> stopping = new AtomicReference<>(false);
        StateMachine machine = new StateMachine(StateMachineConfig.defaults(), clock, () -> UUID.randomUUID().toString());
        SparkSubmission submission = args.length > 2 && args[2].equals("spark-submit")
                ? realSubmitter(api, args) : new PodOnlySubmission(client, api);
        EventRecorder events = new EventRecorder(client, clock, System.getProperty("bench.replica", "bench-operator"));
        BenchSharding sharding = BenchSharding.fromSystemProperties(client, events);
        PassLogFile passes = PassLogFile.fromSystemProperties();
        var parts = new SparkApplicationReconciler.Parts(client, machine, submission, events, UiServiceOptions.defaults(),
                PrometheusConfigMap::build, ApplicationListener.none(), stopping::get,
                new BatchScheduling(client, BatchSettings.disabled()));
        LatencyRecorder work = new LatencyRecorder();
        LatencyRecorder dispatched = new LatencyRecorder();
        AtomicInteger failures = new AtomicInteger();
        ReconcileObserver observer = (key, took, result, failure) -> {
            dispatched.record(took.toNanos());
            if (failure != null && failures.incrementAndGet() <= 5) {
                System.err.println("bench: reconcile of " + key + " failed: " + failure);
            }
        };
        PlatformPoolReconciler[] pool = new PlatformPoolReconciler[1];
        int bound = dispatcher.startsWith("virtual") ? Integer.parseInt(dispatcher.substring(7)) : Integer.MAX_VALUE;
        Controllers runtime = new Controllers(client, new Controllers.Settings(List.of(), null,
                Duration.ofMinutes(2), Backoff.defaults()).withMaxConcurrentReconciles(bound),
                (caches, specChanges) -> {
                    Reconciler pass = new SparkApplicationReconciler(parts, caches, specChanges);
                    Reconciler timed = timed(passes == null ? pass : passes.recording(pass), work);
                    if (dispatcher.startsWith("pool")) {
                        pool[0] = new PlatformPoolReconciler(timed, Integer.parseInt(dispatcher.substring(4)));
                        return pool[0];
                    }
                    return timed;
                },
                key -> ReconcileResult.done(), app -> Optional.empty(),
                new Controllers.Observers(observer, ReconcileObserver.none()), Controllers.Watchers.none());
        if (sharding != null) {
            runtime.shardedBy(sharding.gate());
        }
        long startNanos = System.nanoTime();
        runtime.start();
        if (sharding != null) {
            sharding.leases().start(); // as Operator.start: caches synced first
        }
        long syncMillis = (System.nanoTime() - startNanos) / 1_000_000;
        long cpuAtReady = ProcessStats.cpuNanos();
        System.out.println("READY " + ProcessStats.uptimeMillis() + " " + syncMillis);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            if (line.startsWith("await ")) {
                int n = Integer.parseInt(line.substring(6).trim());
                while (work.count() < n || runtime.inFlight() > 0) {
                    Thread.sleep(20);
                }
                System.out.println("RECONCILED " + ProcessStats.uptimeMillis());
            } else if (line.equals("report")) {
                System.out.println("REPORT " + report(cpuAtReady, work, dispatched, failures.get(), dispatcher,
                        sharding == null ? -1 : sharding.leases().heldShards().size()));
            }
            System.out.flush();
        }
        stopping.set(true);
        runtime.stop(Duration.ofSeconds(10), true);
        if (sharding != null) {
            sharding.leases().close();
        }
        if (passes != null) {
            passes.close();
        }
        if (pool[0] != null) {
            pool[0].close();
        }
        client.close();
        System.exit(0);
    }

    /**
     * {@code spark-submit <SPARK_HOME> <default|tuned|cds|warm> <cache dir> <work dir>}: the real one, one per core.
     * {@code tuned} is what the submit package ships for the cold path (C1 only + the start-up cache for the child's
     * JDK: an AOT cache on JDK 25+); {@code cds} forces the class-data archive that JDK 19-24 children get, for
     * comparison; {@code warm} is the shipped default, submission workers. Over TLS spark-submit gets a kubeconfig
     * naming the server's CA (see {@link SubmitterKubeconfig}); over plain HTTP none.
     */
    private static SparkSubmission realSubmitter(String api, String[] args) {
        ChildJvmOptions jvm = switch (args[4]) {
            case "tuned", "warm" -> ChildJvmOptions.tuned(Path.of(args[5]));
            case "cds" -> new ChildJvmOptions(true, null, List.of("-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + Path.of(args[5]).resolve("spark-submit.jsa")));
            default -> ChildJvmOptions.jdkDefaults();
        };
        Path kubeconfig = BenchClients.caFile().map(ca -> SubmitterKubeconfig.write(Path.of(args[6]), api, ca))
                .orElse(Path.of("/dev/null"));
        Submitter submitter = new Submitter(SubmitterConfig.defaults(Path.of(args[3]), "k8s://" + api)
                .withJavaHome(Path.of(System.getProperty("java.home"))).withKubeconfig(kubeconfig)
                .withWorkDir(Path.of(args[6])).withChildJvm(jvm).withTimeout(Duration.ofMinutes(3)),
                args[4].equals("warm") ? WorkerSettings.defaults() : WorkerSettings.cold());
        return submitter::submit;
    }

    private static Reconciler timed(Reconciler reconciler, LatencyRecorder work) {
        return key -> {
            long started = System.nanoTime();
            try {
                return reconciler.reconcile(key);
            } finally {
                work.record(System.nanoTime() - started);
            }
        };
    }

    private static String report(long cpuAtReady, LatencyRecorder work, LatencyRecorder dispatched, int failures,
            String dispatcher, int shardsHeld) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dispatcher", dispatcher);
        r.put("shardsHeld", shardsHeld);
        r.put("cpuSinceReadyMs", (ProcessStats.cpuNanos() - cpuAtReady) / 1e6);
        r.put("cpuTotalMs", ProcessStats.cpuNanos() / 1e6);
        r.put("childCpuMs", ProcessStats.childrenCpuMillis());
        long[] live = ProcessStats.liveChildrenCpuMillisAndPeakRssKiB();
        r.put("liveChildCpuMs", live[0]);
        r.put("liveChildPeakRssMiB", live[1] / 1024.0);
        r.put("reconciles", work.count());
        r.put("failures", failures);
        r.put("workP50Ms", work.percentileMillis(50));
        r.put("workP99Ms", work.percentileMillis(99));
        r.put("dispatchedP50Ms", dispatched.percentileMillis(50));
        r.put("dispatchedP99Ms", dispatched.percentileMillis(99));
        r.put("peakHeapMiB", ProcessStats.peakHeapBytes() / 1048576.0);
        r.put("maxHeapMiB", ProcessStats.maxHeapBytes() / 1048576.0);
        r.put("gcMs", ProcessStats.gcMillis());
        r.put("gcCount", ProcessStats.gcCount());
        r.put("gc", ProcessStats.gcNames());
        r.put("peakThreads", ProcessStats.peakThreads());
        Map<String, Long> rss = ProcessStats.rssKiB();
        r.put("peakRssMiB", rss.getOrDefault("VmHWM", 0L) / 1024.0);
        r.put("liveHeapMiB", ProcessStats.liveHeapBytes() / 1048576.0);
        r.put("histogram", ProcessStats.classHistogram(12));
        return new ObjectMapper().writeValueAsString(r);
    }
}
