package io.sparkoperator.deploy;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.runtime.ShardLeases;
import io.sparkoperator.sparkapp.ShardLabeller;
import io.sparkoperator.sparkapp.ShardLabels;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.sparkapp.SparkCaches;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Active-active replicas reach the Lease API only through what the high-availability overlay grants: every call
 * of a shard group's life (join, take, renew, hand over, leave) is recorded on the mock and compared, verb by verb,
 * with the rights the overlay binds to the operator's service account in its namespace.
 */
class ShardLeaseRbacTest {
    @Test
    void theLeaseCallsOfAShardGroupAreExactlyWhatTheHighAvailabilityOverlayGrants() throws Exception {
        Manifests ha = Kustomizations.rendered(Kustomizations.HIGH_AVAILABILITY);
        OperatorPod pod = OperatorPod.of(ha);
        Set<String> granted = new TreeSet<>();
        for (Grants.Grant grant : Grants.of(ha, pod.namespace(), pod.spec().getServiceAccountName()).grants()) {
            if (grant.resource().equals("leases")) {
                assertEquals(pod.namespace(), grant.namespace(), "Lease rights only in the operator's namespace");
                granted.add(grant.verb());
            }
        }
        Set<String> used = new TreeSet<>();
        try (MockCluster cluster = new MockCluster()) {
            LeaderElectionOptions options = new LeaderElectionOptions(true, pod.flag("leader-election-lock-name")
                    .orElseThrow(), "spark-operator", Duration.ofSeconds(2), Duration.ofMillis(1200),
                    Duration.ofMillis(200), Integer.parseInt(pod.flag("shards").orElseThrow()));
            ShardLeases a = new ShardLeases(cluster.newClient(), options, "a", new ShardGate(options.shards()), null);
            ShardLeases b = new ShardLeases(cluster.newClient(), options, "b", new ShardGate(options.shards()), null);
            a.start();
            waitFor(() -> a.heldShards().size() == options.shards());
            b.start();
            waitFor(() -> b.heldShards().size() == options.shards() / 2);
            b.close();
            waitFor(() -> a.heldShards().size() == options.shards());
            a.close();
            RecordedRequest request;
            while ((request = cluster.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
                String path = request.getPath().replaceAll("\\?.*", "");
                if (path.contains("/leases")) {
                    used.add(verb(request.getMethod(), path.endsWith("/leases")));
                }
            }
        }
        assertEquals(granted, used, "Lease verbs granted (left) and used (right)");
    }

    /**
     * The shard labels of new apps (a JSON merge patch of their metadata) and the per-shard watches go through the
     * rights the overlay gives the operator's service account cluster-wide.
     */
    @Test
    void theShardLabelPatchesAndShardWatchesAreGrantedByTheHighAvailabilityOverlay() throws Exception {
        Manifests ha = Kustomizations.rendered(Kustomizations.HIGH_AVAILABILITY);
        OperatorPod pod = OperatorPod.of(ha);
        Set<String> granted = new TreeSet<>();
        for (Grants.Grant grant : Grants.of(ha, pod.namespace(), pod.spec().getServiceAccountName()).grants()) {
            if (grant.namespace() == null && grant.resourceNames().isEmpty()) {
                granted.add(grant.permission());
            }
        }
        int shards = Integer.parseInt(pod.flag("shards").orElseThrow());
        Set<String> used = new TreeSet<>();
        try (MockCluster cluster = new MockCluster()) {
            SparkApplications.api(cluster.client).inNamespace("team-a").resource(ApiJson.parse(
                    TestApps.sparkPi("team-a", "labelled"), GenericKubernetesResource.class)).create();
            cluster.server.takeRequest(1, TimeUnit.SECONDS); // the test's own create
            ShardGate gate = new ShardGate(shards);
            ShardLabels labels = new ShardLabels(shards);
            SparkCaches caches = new SparkCaches(cluster.newClient(), List.of(), null, labels);
            ShardLabeller labeller = new ShardLabeller(cluster.newClient(), labels, gate, ResourceKey::of);
            caches.onUnlabelledApps(labeller.unlabelledHandler()).onApps(labeller.labelledHandler());
            gate.prepareWith(caches::watchShard);
            gate.onOpened(shard -> labeller.shardOpened(shard, caches.unlabelledApps()));
            caches.startAndSync(Duration.ofSeconds(10));
            for (int shard = 0; shard < shards; shard++) {
                gate.open(shard);
            }
            waitFor(() -> caches.app(new ResourceKey("team-a", "labelled")) != null);
            caches.stop();
            RecordedRequest request;
            while ((request = cluster.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
                String path = request.getPath().replaceAll("\\?.*", "");
                String[] parts = path.split("/");
                boolean core = parts[1].equals("api");
                String group = core ? "core" : parts[2];
                String resource = parts[parts.length - (path.matches(".*/namespaces/[^/]+/[^/]+/[^/]+") ? 2 : 1)];
                boolean watch = request.getPath().contains("watch=true");
                used.add(group + "/" + resource + " " + (watch ? "watch"
                        : verb(request.getMethod(), !path.matches(".*/namespaces/[^/]+/[^/]+/[^/]+"))));
            }
        }
        assertTrue(used.contains("sparkoperator.k8s.io/sparkapplications patch"), "the label was patched: " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(granted);
        assertEquals(Set.of(), missing, "calls not granted (used: " + used + ")");
    }

    private static String verb(String method, boolean collection) {
        return switch (method) {
            case "GET" -> collection ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method;
        };
    }
}
