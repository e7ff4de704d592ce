package io.sparkoperator.sparkapp;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watching only the shards held (several active replicas), against fabric8's mock in CRUD mode: wired as the
 * controllers wire it, a replica labels the new apps of its shards, caches only those apps and their pods (plus pods
 * without shard labels), drops a shard it gives up, and sets right an app whose labels name the wrong shard.
 */
class ShardedCachesTest {
    static final int SHARDS = 4;
    static final String NS = "team-a";
    private final MockCluster cluster = new MockCluster();
    private final ShardGate gate = new ShardGate(SHARDS);
    private final ShardLabels labels = new ShardLabels(SHARDS);
    private SparkCaches caches;

    @BeforeEach
    void start() throws Exception {
        caches = new SparkCaches(cluster.newClient(), List.of(), null, labels);
        ShardLabeller labeller = new ShardLabeller(cluster.client, labels, gate, ResourceKey::of);
        caches.onUnlabelledApps(labeller.unlabelledHandler()).onApps(labeller.labelledHandler());
        gate.prepareWith(caches::watchShard);
        gate.onForgotten(caches::unwatchShard);
        gate.onOpened(shard -> labeller.shardOpened(shard, caches.unlabelledApps()));
        caches.startAndSync(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        caches.stop();
        cluster.close();
    }

    private void createApps(int count) {
        for (int i = 0; i < count; i++) {
            SparkApplications.api(cluster.client).inNamespace(NS).resource(ApiJson.parse(TestApps.sparkPi(NS,
                    "app-" + i), GenericKubernetesResource.class)).create();
        }
    }

    private Map<Integer, Set<String>> byShard(List<ResourceKey> keys) {
        return keys.stream().collect(Collectors.groupingBy(key -> gate.shardOf(key),
                Collectors.mapping(ResourceKey::name, Collectors.toSet())));
    }

    private Map<String, String> shardLabelsOf(String name) {
        Map<String, String> all = SparkApplications.api(cluster.client).inNamespace(NS).withName(name).get()
                .getMetadata().getLabels();
        Map<String, String> shardOnes = new HashMap<>();
        if (all != null) {
            all.forEach((key, value) -> {
                if (key.equals(Labels.SHARD) || key.equals(Labels.SHARDS)) {
                    shardOnes.put(key, value);
                }
            });
        }
        return shardOnes;
    }

    private Pod pod(String name, String app, Map<String, String> extra) {
        return cluster.client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true").addToLabels(Labels.APP_NAME, app)
                .addToLabels(extra).endMetadata().build()).create();
    }

    @Test
    void aReplicaLabelsAndCachesOnlyTheAppsAndPodsOfItsShards() throws Exception {
        createApps(40);
        Map<Integer, Set<String>> expected = byShard(IntStream.range(0, 40)
                .mapToObj(i -> new ResourceKey(NS, "app-" + i)).toList());
        waitFor(() -> caches.unlabelledApps().size() == 40);
        assertEquals(0, caches.appKeys().size(), "holding no shard, it caches no app");
        for (GenericKubernetesResource unlabelled : caches.unlabelledApps()) {
            assertEquals(Set.of(), unlabelled.getAdditionalProperties().keySet(), "an unlabelled app is read as"
                    + " metadata alone (spec and status skipped): " + unlabelled.getMetadata().getName());
            assertTrue(unlabelled.getMetadata().getName().startsWith("app-"));
        }

        gate.open(0);
        gate.open(1);
        waitFor(() -> byShard(caches.appKeys()).equals(Map.of(0, expected.get(0), 1, expected.get(1))),
                Duration.ofSeconds(10));
        for (int shard : List.of(0, 1)) {
            for (String name : expected.get(shard)) {
                assertEquals(labels.of(shard), shardLabelsOf(name), name + " labelled by the holder of its shard");
            }
        }
        for (int shard : List.of(2, 3)) {
            for (String name : expected.get(shard)) {
                assertEquals(Map.of(), shardLabelsOf(name), name + ": its shard is held by nobody, left as it is");
            }
        }
        String ownApp = expected.get(0).iterator().next();
        String otherApp = expected.get(2).iterator().next();
        pod("own-driver", ownApp, labels.of(0));
        pod("other-driver", otherApp, labels.of(2));
        pod("legacy-driver", otherApp, Map.of());
        waitFor(() -> caches.pod(NS, "own-driver") != null && caches.pod(NS, "legacy-driver") != null);
        assertNull(caches.pod(NS, "other-driver"), "a pod of a shard held elsewhere is not even sent here");
        assertEquals(List.of("legacy-driver"), caches.podsOf(new ResourceKey(NS, otherApp)).stream()
                .map(p -> p.getMetadata().getName()).toList(), "pods without shard labels are seen by all");

        gate.close(0);
        gate.forget(0);
        assertEquals(Map.of(1, expected.get(1)), byShard(caches.appKeys()), "a shard given up leaves the cache");
        assertNull(caches.pod(NS, "own-driver"));

        gate.open(2);
        waitFor(() -> byShard(caches.appKeys()).equals(Map.of(1, expected.get(1), 2, expected.get(2))),
                Duration.ofSeconds(10));
        assertEquals(labels.of(2), shardLabelsOf(otherApp), "apps that came while nobody held the shard: labelled"
                + " when it is taken");
    }

    @Test
    void anAppWhoseLabelsNameAnotherShardIsSetRight() throws Exception {
        createApps(40);
        gate.open(1);
        gate.open(3);
        waitFor(() -> caches.appKeys().size() + caches.unlabelledApps().size() == 40 && caches.unlabelledApps()
                .stream().allMatch(app -> Set.of(0, 2).contains(gate.shardOf(ResourceKey.of(app)))),
                Duration.ofSeconds(10));
        String misplaced = caches.unlabelledApps().stream().filter(app -> gate.shardOf(ResourceKey.of(app)) == 0)
                .findFirst().orElseThrow().getMetadata().getName();
        SparkApplications.api(cluster.client).inNamespace(NS).withName(misplaced).patch(PatchContext.of(
                PatchType.JSON_MERGE), ApiJson.toJson(Map.of("metadata", Map.of("labels", labels.of(1)))));
        waitFor(() -> labels.of(0).equals(shardLabelsOf(misplaced)), Duration.ofSeconds(10));
        waitFor(() -> caches.app(new ResourceKey(NS, misplaced)) == null);
    }
}
