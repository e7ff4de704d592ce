package io.sparkoperator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.bench.apiserver.LeanApiServer;
import io.sparkoperator.bench.apiserver.ObjectStore;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardHash;
import io.sparkoperator.sparkapp.ShardLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One cluster (lean API server, simulated kubelet) with N benchmark operators as active-active replicas, each its own
 * JVM with {@code -Dbench.shards}: {@link #start} launches them and waits until the shard Leases are balanced,
 * {@link #burst} creates a batch of apps at once and follows it to COMPLETED, {@link #burstWithDeath} kills one
 * replica (SIGKILL) half-way through a batch and times the take-over.
 */
final class ReplicasRun implements AutoCloseable {
    static final int SHARDS = 16;
    private static final String LEASES = "coordination.k8s.io/leases";
    private final ObjectStore store = new ObjectStore();
    private final LeanApiServer server;
    private final StoreKubelet kubelet;
    private final AppStateLog states;
    private final LoadSettings settings;
    private final int count;
    private final List<OperatorProcess> replicas = new ArrayList<>();
    private final Map<String, Path> passLogs = new LinkedHashMap<>();
    private final Map<String, Long> killedAt = new HashMap<>();
    private final List<String> allApps = new ArrayList<>();
    /** Each live replica's last report by identity; a killed one's stays what it was before the kill. */
    private final Map<String, Map<String, Object>> lastReports = new HashMap<>();
    /** Every change of a shard Lease's holder as the store saw it. */
    private final Queue<HolderChange> holderChanges = new ConcurrentLinkedQueue<>();

    private record HolderChange(long nanos, int shard, String holder) {
    }

    /** A batch's figures; {@code cpuSeconds} and {@code reconciles} per replica, by identity. */
    record Burst(int apps, double allSubmittedSeconds, double allCompletedSeconds, Map<String, Double> cpuSeconds,
            Map<String, Long> reconciles, long requests, int failed, Map<String, Double> gcSeconds,
            Map<String, Long> liveHeapMiB) {
    }

    /**
     * The take-over after a kill: the victim's shards, its apps not yet COMPLETED then, and (seconds after the kill)
     * when its shards all had new holders and when the first and the last of those apps changed state under them.
     */
    record Death(Burst burst, String victim, List<Integer> shards, int appsInFlight, double shardsTakenSeconds,
            double firstMovedSeconds, double allMovedSeconds) {
    }

    ReplicasRun(LoadSettings settings, int count) throws IOException {
        this.settings = settings;
        this.count = count;
        this.server = LeanApiServer.start(store, 0);
        this.kubelet = new StoreKubelet(store, settings.startAfter(), settings.runFor());
        this.states = new AppStateLog(store);
        String shardLease = BenchSharding.LEASES.lockName() + "-shard-";
        store.listen(event -> {
            if (event.kind().equals(LEASES) && event.name().startsWith(shardLease)) {
                holderChanges.add(new HolderChange(System.nanoTime(),
                        Integer.parseInt(event.name().substring(shardLease.length())),
                        event.object().path("spec").path("holderIdentity").asText("")));
            }
        });
    }

    static String identity(int replica) {
        return "replica-" + replica;
    }

    /** Launches the replicas; returns the seconds from the first launch until every replica holds its share. */
    double start() throws Exception {
        Files.createDirectories(settings.logDir());
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String identity = identity(i);
            Path passLog = settings.logDir().resolve("passes-" + count + "-" + identity + ".log");
            passLogs.put(identity, passLog);
            List<String> jvm = new ArrayList<>(settings.jvmOptions());
            jvm.addAll(List.of("-Dbench.shards=" + SHARDS, "-Dbench.replica=" + identity, "-Dbench.passlog=" + passLog));
            if (Boolean.getBoolean("bench.replicas.jfr")) {
                jvm.add("-XX:StartFlightRecording=filename=" + settings.logDir().resolve("replica-" + count + "-"
                        + identity + ".jfr") + ",settings=profile");
            }
            replicas.add(OperatorProcess.launch(server.url(), settings.dispatcher(), settings.submitter(), jvm,
                    settings.logDir().resolve("operator-replicas-" + count + "-" + identity + ".log"),
                    settings.bound()));
        }
        awaitBalanced(Duration.ofMinutes(2));
        return (System.nanoTime() - started) / 1e9;
    }

    /** Every shard held, each live replica holding shards/N (rounded either way). */
    private void awaitBalanced(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, List<Integer>> held = holders();
            long live = IntStream.range(0, count).filter(i -> !killedAt.containsKey(identity(i))).count();
            int all = held.values().stream().mapToInt(List::size).sum();
            boolean fair = held.size() == live && held.values().stream()
                    .allMatch(s -> s.size() >= SHARDS / live && s.size() <= (SHARDS + live - 1) / live);
            if (all == SHARDS && fair) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("shards not balanced within " + bound + ": " + holders());
    }

    /** Live holders of shard Leases as the store has them: identity -> shards. */
    Map<String, List<Integer>> holders() {
        Map<String, List<Integer>> held = new LinkedHashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            ObjectNode lease = store.find(LEASES, BenchSharding.LEASES.lockNamespace(),
                    BenchSharding.LEASES.lockName() + "-shard-" + shard);
            String holder = lease == null ? "" : lease.path("spec").path("holderIdentity").asText("");
            if (!holder.isEmpty()) {
                held.computeIfAbsent(holder, h -> new ArrayList<>()).add(shard);
            }
        }
        return held;
    }

    /** Apps {@code from}..{@code from + apps - 1} created at once, followed to COMPLETED. */
    Burst burst(int from, int apps) throws Exception {
        return burst(from, apps, 0, submitted -> false, () -> { });
    }

    /**
     * As {@link #burst}, the apps created at {@code perSecond} instead of at once: a load the machine carries without
     * every process queueing for its 2 cores, so CPU times show the work rather than the contention.
     */
    Burst paced(int from, int apps, double perSecond) throws Exception {
        return burst(from, apps, perSecond, submitted -> false, () -> { });
    }

    /** As {@link #burst}, killing replica {@code victim} once half the batch is SUBMITTED. */
    Death burstWithDeath(int from, int apps, int victim) throws Exception {
        String identity = identity(victim);
        long[] kill = {0};
        List<Integer> shards = new ArrayList<>();
        Burst burst = burst(from, apps, 0, submitted -> submitted >= apps / 2 && kill[0] == 0, () -> {
            shards.addAll(holders().getOrDefault(identity, List.of()));
            kill[0] = System.nanoTime();
            killedAt.put(identity, kill[0]);
            try {
                replicas.get(victim).kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Map<Integer, Long> takenAt = takenAt(shards, identity, kill[0]);
        double shardsTaken = seconds(kill[0], takenAt.values().stream().mapToLong(Long::longValue).max()
                .orElse(Long.MAX_VALUE));
        // The victim's own last requests may land just after the kill: "moved again" is counted from the moment
        // the app's shard had its new holder, so only the new owner's work counts.
        List<String> inFlight = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = from; i < from + apps; i++) {
            String name = SparkPiManifest.name(i);
            Long taken = takenAt.get(ShardHash.shardOf(new ResourceKey(SparkPiManifest.NAMESPACE, name), SHARDS));
            if (taken == null || states.stateAt(name, kill[0]).equals("COMPLETED")) {
                continue;
            }
            inFlight.add(name);
            long moved = taken == Long.MAX_VALUE ? -1 : states.firstChangeAfter(name, taken);
            first = Math.min(first, moved < 0 ? Long.MAX_VALUE : moved);
            last = Math.max(last, moved < 0 ? Long.MAX_VALUE : moved);
        }
        return new Death(burst, identity, List.copyOf(shards), inFlight.size(), shardsTaken,
                seconds(kill[0], first), seconds(kill[0], last));
    }

    /** Per shard of the victim: when another replica first held it after the kill (MAX_VALUE if none did). */
    private Map<Integer, Long> takenAt(List<Integer> shards, String victim, long killNanos) {
        Map<Integer, Long> taken = new HashMap<>();
        for (int shard : shards) {
            taken.put(shard, holderChanges.stream().filter(c -> c.shard() == shard && c.nanos() > killNanos
                    && !c.holder().isEmpty() && !c.holder().equals(victim)).mapToLong(HolderChange::nanos).min()
                    .orElse(Long.MAX_VALUE));
        }
        return taken;
    }

    private Burst burst(int from, int apps, double perSecond, IntPredicate killWhen, Runnable kill) throws Exception {
        List<String> names = IntStream.range(from, from + apps).mapToObj(SparkPiManifest::name).toList();
        Set<String> batch = Set.copyOf(names);
        LifecycleTracker tracker = new LifecycleTracker(store, apps, batch::contains);
        Map<String, Map<String, Object>> before = reports();
        server.counts().reset();
        long start = System.nanoTime();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (perSecond > 0) {
                LoadRun.awaitTurn(start, i, perSecond);
            }
            store.add(LifecycleTracker.APPS, SparkPiManifest.NAMESPACE, manifest(name));
        }
        allApps.addAll(names);
        long deadline = System.nanoTime() + settings.bound().toNanos();
        while (!tracker.awaitSubmitted(Duration.ofMillis(50)) && System.nanoTime() < deadline) {
            if (killWhen.test(tracker.submitted())) {
                kill.run();
            }
        }
        boolean allSubmitted = tracker.submitted() == apps;
        boolean allCompleted = allSubmitted && tracker.awaitCompleted(settings.bound());
        LoadRun.awaitQuietApi(server);
        Map<String, Map<String, Object>> after = reports();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> reconciles = new LinkedHashMap<>();
        Map<String, Double> gc = new LinkedHashMap<>();
        Map<String, Long> liveHeap = new LinkedHashMap<>();
        for (String replica : after.keySet()) {
            gc.put(replica, (number(after.get(replica), "gcMs") - number(before.get(replica), "gcMs")) / 1000);
            liveHeap.put(replica, (long) number(after.get(replica), "liveHeapMiB"));
            cpu.put(replica, (number(after.get(replica), "cpuTotalMs") - number(before.get(replica), "cpuTotalMs"))
                    / 1000);
            reconciles.put(replica, (long) (number(after.get(replica), "reconciles")
                    - number(before.get(replica), "reconciles")));
        }
        return new Burst(apps, allSubmitted ? seconds(start, tracker.lastSubmittedNanos()) : Double.NaN,
                allCompleted ? seconds(start, tracker.lastCompletedNanos()) : Double.NaN, cpu, reconciles,
                server.counts().total(), tracker.failed().size(), gc, liveHeap);
    }

    /**
     * The app as created; with {@code -Dbench.replicas.prelabelled=true} it already carries its shard labels (as an
     * app created by a tool that knows them would), so it never passes through the not-yet-labelled watch.
     */
    private static ObjectNode manifest(String name) {
        ObjectNode app = ApiObjects.parse(SparkPiManifest.json(name));
        if (Boolean.getBoolean("bench.replicas.prelabelled")) {
            int shard = ShardHash.shardOf(new ResourceKey(SparkPiManifest.NAMESPACE, name), SHARDS);
            ObjectNode labels = app.withObject("metadata").withObject("labels");
            new ShardLabels(SHARDS).of(shard).forEach(labels::put);
        }
        return app;
    }

    private Map<String, Map<String, Object>> reports() throws Exception {
        Map<String, Map<String, Object>> reports = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String identity = identity(i);
            if (!killedAt.containsKey(identity)) {
                lastReports.put(identity, replicas.get(i).report(Duration.ofMinutes(2)));
            }
            reports.put(identity, lastReports.get(identity));
        }
        return reports;
    }

    /** No two passes over one app at once, in every replica's log so far. */
    PassOverlaps.Finding overlaps() throws IOException {
        return PassOverlaps.check(passLogs, killedAt);
    }

    /** Apps created so far that did not get exactly one driver pod. */
    List<String> notOneDriver() {
        return states.notOneDriver(allApps);
    }

    private static double number(Map<String, Object> report, String key) {
        return report != null && report.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double seconds(long from, long to) {
        return to == Long.MAX_VALUE || to == Long.MIN_VALUE ? Double.NaN : (to - from) / 1e9;
    }

    @Override
    public void close() throws Exception {
        for (OperatorProcess replica : replicas) {
            replica.close();
        }
        kubelet.close();
        server.close();
    }
}
