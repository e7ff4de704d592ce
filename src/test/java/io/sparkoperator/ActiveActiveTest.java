package io.sparkoperator;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardHash;
import io.sparkoperator.runtime.ShardLeases;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.ShardedReplica;
import io.sparkoperator.testing.SimulatedKubelet;
import io.sparkoperator.testing.TestApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Active-active replicas on fabric8's mock with the simulated kubelet: 1,000 applications shared by the replicas
 * through shard Leases. Every pass of every replica is recorded (replica, object, start, end): no two passes for
 * one object ever overlap, whatever happens to the replicas, and every app completes with exactly one driver pod
 * (one attempt). Lease timings are short (2 s) so that expiry fits in the test.
 */
class ActiveActiveTest {
    static final String LEASE_NAMESPACE = "spark-operator";
    static final int SHARDS = 16;
    static final LeaderElectionOptions LEASES = new LeaderElectionOptions(true, "spark-operator-lock",
            LEASE_NAMESPACE, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(1), SHARDS);
    static final int APPS = 1000;
    static final List<String> NAMESPACES = List.of("team-a", "team-b", "team-c");

    private final MockCluster cluster = new MockCluster();
    /** Events (5 an app) go here: fabric8's CRUD mock scans every stored object on each request, on one thread. */
    private final MockCluster eventSink = new MockCluster();
    private final ShardedReplica.PassLog log = new ShardedReplica.PassLog();
    private final List<ShardedReplica> replicas = new ArrayList<>();
    private final Map<String, Set<String>> driverUids = new ConcurrentHashMap<>();
    private final Map<String, AppState> states = new ConcurrentHashMap<>();
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    /** The mock logs every request at INFO: at 1,000 apps that costs more than the requests (held: weak refs). */
    private final Logger mockLog = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
    private SimulatedKubelet kubelet;
    private SharedIndexInformer<Pod> drivers;
    private SharedIndexInformer<GenericKubernetesResource> apps;

    @BeforeEach
    void start() {
        mockLog.setLevel(Level.WARNING);
        apps = SparkApplications.api(client()).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource app) {
                states.put(ResourceKey.of(app).toString(), SparkApplications.statusOf(app).state());
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                onAdd(after);
            }

            @Override
            public void onDelete(GenericKubernetesResource app, boolean unknown) {
                states.remove(ResourceKey.of(app).toString());
            }
        });
        kubelet = SimulatedKubelet.builder(client()).keepHistory(false)
                .labels(Map.of(Labels.SPARK_ROLE, Labels.ROLE_DRIVER))
                .automatic(Duration.ZERO, Duration.ofMillis(300), 4).start();
        drivers = client().pods().inAnyNamespace().withLabel(Labels.SPARK_ROLE, Labels.ROLE_DRIVER)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        driverUids.computeIfAbsent(pod.getMetadata().getNamespace() + "/"
                                + pod.getMetadata().getLabels().get(Labels.APP_NAME), k -> ConcurrentHashMap.newKeySet())
                                .add(pod.getMetadata().getUid());
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {
                    }
                });
    }

    @AfterEach
    void stop() {
        replicas.forEach(ShardedReplica::kill);
        replicas.forEach(ShardedReplica::stopWatching);
        drivers.stop();
        apps.stop();
        kubelet.close();
        clients.forEach(KubernetesClient::close);
        cluster.close();
        eventSink.close();
        mockLog.setLevel(null);
    }

    /** Every client this test opens, closed after it (leaked clients keep thread pools into later tests). */
    private KubernetesClient client() {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        return client;
    }

    private KubernetesClient eventClient() {
        KubernetesClient client = eventSink.newClient();
        clients.add(client);
        return client;
    }

    private ShardedReplica replica(String name) throws Exception {
        ShardedReplica replica = new ShardedReplica(client(), eventClient(), name, LEASES,
                log).start();
        replicas.add(replica);
        return replica;
    }

    @Test
    void threeReplicasShareAThousandAppsWithoutEverOverlapping() throws Exception {
        List<ShardedReplica> three = List.of(replica("replica-a"), replica("replica-b"), replica("replica-c"));
        waitForBalance(three);
        long started = System.nanoTime();
        createApps(0, APPS);
        waitForAllCompleted(Duration.ofSeconds(90));
        System.out.printf("3 replicas, %d apps: all COMPLETED in %d ms, %d passes%n", APPS,
                (System.nanoTime() - started) / 1_000_000, log.passes.size());
        for (ShardedReplica replica : three) {
            assertTrue(replica.submit.calls() > APPS / 10, replica.identity + " submitted its share: "
                    + replica.submit.calls());
        }
        assertGuarantees();
        assertEachReplicaCachesOnlyItsShards(three);
        List<String> acquired = eventSink.client.v1().events().inNamespace(LEASE_NAMESPACE).list().getItems().stream()
                .filter(event -> event.getReason().equals("ShardAcquired")).map(event -> event.getMessage()).toList();
        assertTrue(acquired.size() >= SHARDS && acquired.stream().allMatch(m -> m.startsWith("replica-")),
                "an Event on each shard Lease names the replica that took it: " + acquired);
    }

    @Test
    void theRunsOfAScheduledSparkApplicationGoWithTheirParent() throws Exception {
        List<ShardedReplica> three = List.of(replica("replica-a"), replica("replica-b"), replica("replica-c"));
        waitForBalance(three);
        long familyStart = System.nanoTime();
        int parents = 6;
        for (int i = 0; i < parents; i++) {
            cluster.client.resources(ScheduledSparkApplication.class).inNamespace("team-a").resource(ApiJson.parse("""
                    apiVersion: sparkoperator.k8s.io/v1beta2
                    kind: ScheduledSparkApplication
                    metadata: {name: nightly-%d, namespace: team-a}
                    spec:
                      schedule: "@every 1m"
                      concurrencyPolicy: Forbid
                      successfulRunHistoryLimit: 5
                      template:
                        type: Scala
                        sparkVersion: 4.1.1
                        image: spark:4.1.1
                        mainClass: org.apache.spark.examples.SparkPi
                        mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                        driver: {cores: 1, memory: 512m}
                        executor: {instances: 1, cores: 1, memory: 512m}
                    """.formatted(i), ScheduledSparkApplication.class)).create();
        }
        waitFor(() -> cluster.client.resources(ScheduledSparkApplication.class).inNamespace("team-a").list()
                .getItems().stream().allMatch(parent -> parent.getStatus() != null
                        && parent.getStatus().pastSuccessfulRunNames() != null
                        && parent.getStatus().pastSuccessfulRunNames().size() >= 2), Duration.ofSeconds(60));
        for (int i = 0; i < parents; i++) {
            String parent = "nightly-" + i;
            int shard = ShardHash.shardOf(new ResourceKey("team-a", parent), SHARDS);
            List<ShardedReplica.Pass> family = log.passes.stream().filter(p -> p.key().name().equals(parent)
                    || p.key().name().startsWith(parent + "-")).toList();
            assertTrue(family.stream().anyMatch(p -> p.key().name().startsWith(parent + "-")), parent + "'s runs ran");
            // each pass on the parent or a run ran where the parent's shard was held then (a Lease lost on a loaded
            // machine moves the whole family to the next holder, never a run alone)
            List<String> elsewhere = family.stream()
                    .filter(p -> !Optional.of(p.replica()).equals(log.holderAt(shard, p.start())))
                    .map(p -> p.kind() + " " + p.key().name() + " on " + p.replica() + " while "
                            + log.holderAt(shard, p.start()).orElse("nobody") + " held shard " + shard)
                    .toList();
            assertEquals(List.of(), elsewhere.stream().limit(5).toList(), elsewhere.size() + " passes of " + parent
                    + " ran off its shard's holder");
            long takes = log.taken.stream().filter(t -> t.shard() == shard && t.at() > familyStart).count();
            if (takes == 0) {
                Set<String> workers = family.stream().map(ShardedReplica.Pass::replica).collect(Collectors.toSet());
                ShardedReplica owner = three.stream().filter(r -> r.held().contains(shard)).findFirst().orElseThrow();
                assertEquals(Set.of(owner.identity), workers, parent + " (shard " + shard + ", never moved)");
            } else {
                System.out.printf("shard %d of %s changed hands %d times during the test%n", shard, parent, takes);
            }
        }
        List<String> overlaps = overlaps(log.passes);
        assertEquals(List.of(), overlaps.stream().limit(5).toList(), overlaps.size() + " overlapping passes");
    }

    @Test
    void aKilledReplicaIsReplacedAndAGracefulStopHandsOverWithTheSameGuarantees() throws Exception {
        ShardedReplica a = replica("replica-a");
        ShardedReplica b = replica("replica-b");
        ShardedReplica c = replica("replica-c");
        waitForBalance(List.of(a, b, c));
        AtomicInteger created = new AtomicInteger();
        Thread burst = Thread.ofVirtual().start(() -> createApps(0, APPS, created));

        waitFor(() -> created.get() >= 300);
        waitFor(() -> a.submit.calls() > 20, Duration.ofSeconds(30));
        List<Integer> orphaned = a.held();
        long killedAt = System.nanoTime();
        a.kill();
        waitFor(() -> orphaned.stream().allMatch(shard -> heldByOneOf(shard, List.of(b, c))), Duration.ofSeconds(20));
        long handOverMs = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("killed %s holding shards %s: taken over after %d ms (lease duration %d ms)%n",
                a.identity, orphaned, handOverMs, LEASES.leaseDuration().toMillis());
        assertTrue(handOverMs <= LEASES.leaseDuration().toMillis() + 5_000, "hand-over took " + handOverMs + " ms");
        assertTrue(handOverMs >= LEASES.leaseDuration().toMillis() - 300,
                "the shards were taken before the lease expired: " + handOverMs + " ms");

        ShardedReplica d = replica("replica-d");
        waitForBalance(List.of(b, c, d));
        waitFor(() -> d.submit.calls() > 0 || created.get() >= APPS, Duration.ofSeconds(30));

        waitFor(() -> created.get() >= 800, Duration.ofSeconds(60));
        List<Integer> handedOver = b.held();
        long stoppedAt = System.nanoTime();
        b.close();
        waitFor(() -> handedOver.stream().allMatch(shard -> heldByOneOf(shard, List.of(c, d))), Duration.ofSeconds(20));
        long gracefulMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        System.out.printf("stopped %s gracefully holding shards %s: taken over %d ms later%n", b.identity,
                handedOver, gracefulMs);
        assertTrue(gracefulMs < LEASES.leaseDuration().toMillis(), "a graceful stop does not wait for expiry: "
                + gracefulMs + " ms");
        waitForBalance(List.of(c, d));

        burst.join();
        waitForAllCompleted(Duration.ofSeconds(90));
        assertGuarantees();
        assertTrue(log.passes.stream().anyMatch(p -> p.replica().equals(d.identity)), "the fourth replica worked");
    }

    /**
     * The API server hands each replica only its share: every app carries its shard labels (and so its driver pod),
     * and a replica's caches hold only the apps and pods of the shards it holds, about a third each.
     */
    private void assertEachReplicaCachesOnlyItsShards(List<ShardedReplica> live) {
        for (GenericKubernetesResource app : SparkApplications.api(cluster.client).inAnyNamespace().list().getItems()) {
            int shard = ShardHash.shardOf(ResourceKey.of(app), SHARDS);
            assertEquals(Map.of(Labels.SHARDS, "16", Labels.SHARD, String.valueOf(shard)),
                    Map.of(Labels.SHARDS, app.getMetadata().getLabels().get(Labels.SHARDS),
                            Labels.SHARD, app.getMetadata().getLabels().get(Labels.SHARD)), ResourceKey.of(app) + "");
        }
        for (Pod driver : cluster.client.pods().inAnyNamespace().withLabel(Labels.SPARK_ROLE, Labels.ROLE_DRIVER)
                .list().getItems()) {
            String app = driver.getMetadata().getLabels().get(Labels.APP_NAME);
            assertEquals(String.valueOf(ShardHash.shardOf(new ResourceKey(driver.getMetadata().getNamespace(), app),
                    SHARDS)), driver.getMetadata().getLabels().get(Labels.SHARD), "driver of " + app);
        }
        for (ShardedReplica replica : live) {
            List<ResourceKey> cached = replica.runtime.caches().appKeys();
            Set<Integer> shards = cached.stream().map(key -> ShardHash.shardOf(key, SHARDS)).collect(Collectors.toSet());
            assertTrue(replica.held().containsAll(shards), replica.identity + " holds " + replica.held()
                    + " but caches apps of shards " + shards);
            assertTrue(cached.size() < APPS / 2, replica.identity + " caches " + cached.size() + " of " + APPS);
            assertTrue(replica.runtime.caches().cachedPods() < APPS / 2, replica.identity + " caches "
                    + replica.runtime.caches().cachedPods() + " pods");
        }
    }

    private boolean heldByOneOf(int shard, List<ShardedReplica> owners) {
        return owners.stream().filter(r -> r.held().contains(shard)).count() == 1;
    }

    /** Every shard held by exactly one of {@code live}, each holding floor or ceil of shards / live. */
    private void waitForBalance(List<ShardedReplica> live) throws InterruptedException {
        int low = SHARDS / live.size();
        int high = (SHARDS + live.size() - 1) / live.size();
        waitFor(() -> {
            List<Integer> all = live.stream().flatMap(r -> r.held().stream()).sorted().toList();
            return all.size() == SHARDS && new HashSet<>(all).size() == SHARDS
                    && live.stream().allMatch(r -> r.held().size() >= low && r.held().size() <= high);
        }, Duration.ofSeconds(20));
        Map<String, String> holders = new HashMap<>();
        for (Lease lease : cluster.client.leases().inNamespace(LEASE_NAMESPACE)
                .withLabel(ShardLeases.GROUP_LABEL, LEASES.lockName()).list().getItems()) {
            holders.put(lease.getMetadata().getName(), lease.getSpec().getHolderIdentity());
        }
        for (ShardedReplica replica : live) {
            for (int shard : replica.held()) {
                assertEquals(replica.identity, holders.get(replica.leases.shardLeaseName(shard)),
                        "the Lease of shard " + shard + " names its holder");
            }
        }
    }

    private void createApps(int from, int to) {
        createApps(from, to, new AtomicInteger());
    }

    private void createApps(int from, int to, AtomicInteger created) {
        KubernetesClient client = client();
        for (int i = from; i < to; i++) {
            String yaml = TestApps.sparkPi(NAMESPACES.get(i % NAMESPACES.size()), "app-" + i);
            SparkApplications.api(client).inNamespace(NAMESPACES.get(i % NAMESPACES.size()))
                    .resource(ApiJson.parse(yaml, GenericKubernetesResource.class)).create();
            created.incrementAndGet();
        }
    }

    private void waitForAllCompleted(Duration patience) throws InterruptedException {
        waitFor(() -> completed() == APPS, patience);
    }

    private long completed() {
        return states.values().stream().filter(state -> state == AppState.COMPLETED).count();
    }

    private void assertGuarantees() {
        List<String> overlaps = overlaps(log.passes);
        assertEquals(List.of(), overlaps.stream().limit(5).toList(), overlaps.size() + " overlapping passes");
        List<String> problems = new ArrayList<>();
        Map<String, Pod> driverPods = new HashMap<>();
        cluster.client.pods().inAnyNamespace().withLabel(Labels.SPARK_ROLE, Labels.ROLE_DRIVER).list().getItems()
                .forEach(pod -> driverPods.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
                        pod));
        for (GenericKubernetesResource app : SparkApplications.api(cluster.client).inAnyNamespace().list().getItems()) {
            String key = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
            SparkApplicationStatus status = SparkApplications.statusOf(app);
            Set<String> uids = driverUids.getOrDefault(key, Set.of());
            if (status.state() != AppState.COMPLETED || status.executionAttemptCount() != 1 || uids.size() != 1) {
                problems.add(key + ": " + status.state() + ", attempts " + status.executionAttemptCount()
                        + ", driver pods " + uids.size());
            }
            Pod driver = driverPods.get(key + "-driver");
            if (driver == null || !status.submissionID().equals(driver.getMetadata().getLabels()
                    .get(Labels.SUBMISSION_ID))) {
                problems.add(key + ": the driver pod does not carry the recorded submission ID");
            }
        }
        assertEquals(List.of(), problems.stream().limit(10).toList(), problems.size() + " apps wrong");
        Map<String, Long> byReplica = log.passes.stream().collect(Collectors.groupingBy(ShardedReplica.Pass::replica,
                Collectors.counting()));
        System.out.println("passes per replica: " + byReplica);
    }

    /** Pairs of passes for one object whose times intersect (any replicas), described. */
    static List<String> overlaps(Iterable<ShardedReplica.Pass> passes) {
        Map<String, List<ShardedReplica.Pass>> byObject = new HashMap<>();
        passes.forEach(p -> byObject.computeIfAbsent(p.kind() + " " + p.key(), k -> new ArrayList<>()).add(p));
        List<String> found = new ArrayList<>();
        byObject.forEach((object, list) -> {
            list.sort(Comparator.comparingLong(ShardedReplica.Pass::start));
            ShardedReplica.Pass latest = null;
            for (ShardedReplica.Pass pass : list) {
                if (latest != null && pass.start() < latest.end()) {
                    found.add(object + ": " + latest.replica() + " until " + latest.end() + ", " + pass.replica()
                            + " from " + pass.start());
                }
                if (latest == null || pass.end() > latest.end()) {
                    latest = pass;
                }
            }
        });
        return found;
    }
}
