package io.sparkoperator.deploy;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.runtime.ShardGate;
import io.sparkoperator.runtime.ShardLeases;
import io.sparkoperator.testing.MockCluster;
import java.time.Duration;
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
