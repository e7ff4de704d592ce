package io.sparkoperator.bench;

import io.sparkoperator.bench.apiserver.BenchClients;
import io.sparkoperator.bench.apiserver.LeanApiServer;
import io.sparkoperator.bench.apiserver.ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark cluster: the lean API server, a simulated kubelet and the load, in this JVM; the operator in its
 * own. {@link #run} creates the applications in one burst and follows them to COMPLETED; {@link #restart} then
 * starts a fresh operator against the same (now full) cluster to time its start-up.
 */
final class LoadRun implements AutoCloseable {
    /** The app a paced run submits before its load starts; never one of the measured ones. */
    static final String FIRST_SUBMISSION = "first-submission";
    private final ObjectStore store = new ObjectStore();
    private final LeanApiServer server;
    private final LoadSettings settings;
    private final StoreKubelet kubelet;
    private final LifecycleTracker tracker;

    LoadRun(LoadSettings settings) throws IOException {
        this(settings, LoadSettings.tls());
    }

    /** {@code tls}: the API server speaks HTTPS and the operator trusts its certificate (see LoadSettings#tls). */
    LoadRun(LoadSettings settings, boolean tls) throws IOException {
        this.settings = settings;
        this.server = tls ? LeanApiServer.startTls(store, 0) : LeanApiServer.start(store, 0);
        this.kubelet = new StoreKubelet(store, settings.startAfter(), settings.runFor());
        this.tracker = new LifecycleTracker(store, settings.apps(), name -> !name.equals(FIRST_SUBMISSION));
    }

    LoadResult run() throws Exception {
        return run(true);
    }

    /**
     * The apps created at once and followed to SUBMITTED only, then the API left to go quiet: with a kubelet that
     * keeps the driver pods Pending (a long {@code startAfter}), the requests counted are those of the submissions
     * themselves (operator and spark-submit), not of the lifecycle after.
     */
    LoadResult runToSubmitted() throws Exception {
        return run(false);
    }

    private LoadResult run(boolean toCompleted) throws Exception {
        String log = (toCompleted ? "operator-" : "operator-to-submitted-") + settings.label();
        try (OperatorProcess operator = launch(settings.label(), log)) {
            server.counts().reset();
            long start = System.nanoTime();
            createApps(0, settings.apps());
            double created = seconds(start, System.nanoTime());
            boolean allSubmitted = tracker.awaitSubmitted(settings.bound());
            boolean allCompleted = toCompleted && allSubmitted && tracker.awaitCompleted(settings.bound());
            awaitQuietApi();
            Map<String, Object> report = reportOrError(operator);
            return new LoadResult(settings, created,
                    allSubmitted ? seconds(start, tracker.lastSubmittedNanos()) : Double.NaN,
                    allCompleted ? seconds(start, tracker.lastCompletedNanos()) : Double.NaN,
                    tracker.submitted(), tracker.completed(), tracker.failed().size(), report,
                    server.counts().snapshot(), server.counts().total(), operator.launchToReadyMillis);
        }
    }

    /**
     * A warm instance: {@code warmupApps} created at once and followed to COMPLETED first (the operator's JIT, the
     * workers started and warmed), then {@code settings.apps()} more, measured alone. The result's CPU figures
     * ({@code cpuSinceReadyMs}, {@code childCpuMs}, {@code liveChildCpuMs}) and requests are those of the second
     * batch; the rest of the operator's report is as it ended. With {@code toCompleted} false both batches go to
     * SUBMITTED only (run it with a kubelet that keeps the drivers Pending): the CPU of the submissions alone.
     */
    LoadResult runWarmInstance(int warmupApps, boolean toCompleted) throws Exception {
        String log = (toCompleted ? "operator-warm-instance-" : "operator-warm-instance-to-submitted-")
                + settings.label();
        try (OperatorProcess operator = launch(settings.label(), log)) {
            LifecycleTracker warmup = new LifecycleTracker(store, warmupApps, name -> true);
            createApps(0, warmupApps);
            if (!warmup.awaitSubmitted(settings.bound())
                    || toCompleted && !warmup.awaitCompleted(settings.bound())) {
                throw new IllegalStateException("warm-up batch did not finish: " + warmup.failed());
            }
            awaitQuietApi();
            Map<String, Object> before = reportOrError(operator);
            java.util.Set<String> batch = new java.util.HashSet<>();
            for (int i = warmupApps; i < warmupApps + settings.apps(); i++) {
                batch.add(SparkPiManifest.name(i));
            }
            LifecycleTracker measured = new LifecycleTracker(store, settings.apps(), batch::contains);
            server.counts().reset();
            long start = System.nanoTime();
            createApps(warmupApps, settings.apps());
            double created = seconds(start, System.nanoTime());
            boolean allSubmitted = measured.awaitSubmitted(settings.bound());
            boolean allCompleted = toCompleted && allSubmitted && measured.awaitCompleted(settings.bound());
            awaitQuietApi();
            Map<String, Object> report = new java.util.LinkedHashMap<>(reportOrError(operator));
            report.put("cpuSinceReadyMs", difference(report, before, "cpuTotalMs"));
            report.put("childCpuMs", difference(report, before, "childCpuMs"));
            report.put("liveChildCpuMs", difference(report, before, "liveChildCpuMs"));
            return new LoadResult(settings, created,
                    allSubmitted ? seconds(start, measured.lastSubmittedNanos()) : Double.NaN,
                    allCompleted ? seconds(start, measured.lastCompletedNanos()) : Double.NaN,
                    measured.submitted(), measured.completed(), measured.failed().size(), report,
                    server.counts().snapshot(), server.counts().total(), operator.launchToReadyMillis);
        }
    }

    /** Sleeps until the {@code i}-th of a series paced at {@code perSecond} from {@code start} (nanoTime) is due. */
    static void awaitTurn(long start, int i, double perSecond) throws InterruptedException {
        long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void createApps(int from, int count) {
        for (int i = from; i < from + count; i++) {
            store.add(LifecycleTracker.APPS, SparkPiManifest.NAMESPACE, ApiObjects.parse(
                    SparkPiManifest.json(SparkPiManifest.name(i))));
        }
    }

    private static double difference(Map<String, Object> after, Map<String, Object> before, String key) {
        return after.get(key) instanceof Number a && before.get(key) instanceof Number b
                ? a.doubleValue() - b.doubleValue() : Double.NaN;
    }

    /**
     * Sustained load on a running operator: once it has made one submission (its first submission worker up and
     * warm; the start-up itself is what the burst rows measure), {@code settings.apps()} applications created at
     * {@code perSecond}, each one's time from its create to SUBMITTED, in creation order.
     */
    PacedResult runPaced(double perSecond) throws Exception {
        try (OperatorProcess operator = launch(settings.label(), "operator-paced-" + settings.label())) {
            LifecycleTracker first = new LifecycleTracker(store, 1, FIRST_SUBMISSION::equals);
            store.add(LifecycleTracker.APPS, SparkPiManifest.NAMESPACE, ApiObjects.parse(
                    SparkPiManifest.json(FIRST_SUBMISSION)));
            if (!first.awaitSubmitted(settings.bound())) {
                throw new IllegalStateException("the first submission did not happen: " + first.failed());
            }
            server.counts().reset();
            Map<String, Object> before = reportOrError(operator);
            long start = System.nanoTime();
            long[] createdAt = new long[settings.apps()];
            for (int i = 0; i < settings.apps(); i++) {
                awaitTurn(start, i, perSecond);
                createdAt[i] = System.nanoTime();
                store.add(LifecycleTracker.APPS, SparkPiManifest.NAMESPACE, ApiObjects.parse(
                        SparkPiManifest.json(SparkPiManifest.name(i))));
            }
            boolean allSubmitted = tracker.awaitSubmitted(settings.bound());
            Map<String, Long> submittedAt = tracker.submittedAtNanos();
            double[] createdSeconds = new double[settings.apps()];
            double[] latencySeconds = new double[settings.apps()];
            for (int i = 0; i < settings.apps(); i++) {
                Long at = submittedAt.get(SparkPiManifest.name(i));
                createdSeconds[i] = seconds(start, createdAt[i]);
                latencySeconds[i] = at == null ? Double.NaN : seconds(createdAt[i], at);
            }
            tracker.awaitCompleted(settings.bound());
            awaitQuietApi();
            return new PacedResult(perSecond, allSubmitted, createdSeconds, latencySeconds, before,
                    reportOrError(operator), server.counts().total(), tracker.failed().size());
        }
    }

    /** A fresh operator against the cluster as the run left it: time to synced caches and to a finished first pass. */
    StartupResult restart() throws Exception {
        server.counts().reset();
        String label = "restart-" + settings.apps();
        try (OperatorProcess operator = launch(label, "operator-" + label)) {
            long firstPassUptime;
            try {
                firstPassUptime = operator.awaitReconciles(settings.apps(), settings.bound());
            } catch (IllegalStateException notWithinBound) {
                firstPassUptime = -1;
            }
            Map<String, Object> report = reportOrError(operator);
            return new StartupResult(settings.apps(), store.count(LifecycleTracker.APPS), store.count("pods"),
                    operator.launchToReadyMillis, operator.readyUptimeMillis, operator.syncMillis, firstPassUptime,
                    report, server.counts().total());
        }
    }

    /** The operator process against this cluster; {@code log} names its log file in the log dir. */
    private OperatorProcess launch(String label, String log) throws Exception {
        return OperatorProcess.launch(server.url(), settings.dispatcher(), settings.submitter(), jvmOptions(label),
                settings.logDir().resolve(log + ".log"), settings.bound());
    }

    List<String> failures() {
        return new ArrayList<>(tracker.failed()).subList(0, Math.min(5, tracker.failed().size()));
    }

    /** An operator that drowned (GC death spiral) may not answer: the run is still reported, as unfinished. */
    private static Map<String, Object> reportOrError(OperatorProcess operator) {
        try {
            return operator.report(Duration.ofMinutes(2));
        } catch (Exception e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    private void awaitQuietApi() throws InterruptedException {
        awaitQuietApi(server);
    }

    /** The operator's last writes (UI Service deletion after COMPLETED) land after the tracker saw the state. */
    static void awaitQuietApi(LeanApiServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = server.counts().total();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
    }

    private List<String> jvmOptions(String label) {
        List<String> options = new ArrayList<>(settings.jvmOptions());
        server.caFile().ifPresent(ca -> options.add("-D" + BenchClients.CA_FILE_PROPERTY + "=" + ca));
        if (Boolean.getBoolean("bench.jfr")) {
            options.add("-XX:FlightRecorderOptions=stackdepth=256");
            options.add("-XX:StartFlightRecording=filename=" + settings.logDir().resolve("operator-" + label + ".jfr")
                    + ",settings=profile");
        }
        return options;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    @Override
    public void close() {
        kubelet.close();
        server.close();
    }
}
