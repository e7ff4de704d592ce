package io.sparkoperator;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.config.OperatorConfig;
import io.sparkoperator.config.OperatorFlags;
import io.sparkoperator.testing.MockCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator started with {@code --shards}: every replica is ready (no standby), {@code /readyz} and the metrics
 * say which shards it holds (the leader-election gauge has one series per shard Lease).
 */
class OperatorShardingTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path sparkHome;

    @Test
    void twoReplicasAreBothReadyAndSayWhichShardsTheyHold() throws Exception {
        OperatorConfig config = shardedConfig();
        try (MockCluster cluster = new MockCluster()) {
            Operator one = replica(config, cluster, "operator-one");
            Operator two = replica(config, cluster, "operator-two");
            try {
                waitFor(() -> readyz(one).contains("holds 2 of 4 shards") && readyz(two).contains("holds 2 of 4 shards"));
                assertTrue(one.isReady() && two.isReady(), "both replicas serve");
                String body = readyz(one);
                assertTrue(body.startsWith("ok\nreplica operator-one_"), body);
                String metrics = get(one.metricsPort(), "/metrics");
                assertTrue(metrics.contains("\nspark_operator_shards 4.0\n"), metrics);
                assertTrue(metrics.contains("\nspark_operator_shards_held 2.0\n"), metrics);
                long heldLeases = metrics.lines().filter(l -> l.startsWith("leader_election_master_status{")
                        && l.endsWith(" 1.0")).count();
                assertEquals(2, heldLeases, "one leader-election series per shard Lease, 1 where held: " + metrics);
                assertTrue(metrics.contains("leader_election_master_status{name=\"spark-operator-lock-shard-3\"}"),
                        metrics);
                two.shutdown();
                waitFor(() -> readyz(one).contains("holds 4 of 4 shards"), Duration.ofSeconds(10));
            } finally {
                one.shutdown();
                two.shutdown();
            }
            assertEquals(0, cluster.client.leases().inNamespace("default").list().getItems().stream()
                    .filter(lease -> lease.getSpec().getHolderIdentity() != null
                            && !lease.getSpec().getHolderIdentity().isEmpty()).count(),
                    "a stopped operator leaves every Lease released");
        }
    }

    /** A SparkConnect goes with its shard too: only the holder of that shard's Lease makes its server. */
    @Test
    void aSparkConnectIsServedByTheHolderOfItsShardAlone() throws Exception {
        OperatorConfig config = shardedConfig();
        try (MockCluster cluster = new MockCluster()) {
            Operator one = replica(config, cluster, "operator-one");
            Operator two = replica(config, cluster, "operator-two");
            try {
                waitFor(() -> readyz(one).contains("holds 2 of 4 shards") && readyz(two).contains("holds 2 of 4 shards"));
                List<String> names = List.of("connect-a", "connect-b", "connect-c", "connect-d", "connect-e");
                for (String name : names) {
                    cluster.client.resource(Files.readString(Path.of(System.getProperty("project.basedir", "."))
                            .resolve("examples/spark-connect.yaml")).replace("name: spark-connect\n",
                            "name: " + name + "\n")).create();
                }
                waitFor(() -> names.stream().allMatch(n -> cluster.client.pods().inNamespace("default")
                        .withName(n + "-server").get() != null), Duration.ofSeconds(30));
                Thread.sleep(1000); // a second replica reconciling too would have made its Event by now
                for (String name : names) {
                    List<String> makers = cluster.client.v1().events().inNamespace("default").list().getItems()
                            .stream().filter(e -> name.equals(e.getInvolvedObject().getName())
                                    && "SparkConnectServerCreated".equals(e.getReason()))
                            .map(e -> e.getReportingInstance()).toList();
                    int shard = io.sparkoperator.runtime.ShardHash.shardOf(
                            new io.sparkoperator.runtime.ResourceKey("default", name), 4);
                    String holder = cluster.client.leases().inNamespace("default")
                            .withName("spark-operator-lock-shard-" + shard).get().getSpec().getHolderIdentity();
                    assertEquals(List.of(holder), makers, name + ": made once, by the holder of shard " + shard);
                }
            } finally {
                one.shutdown();
                two.shutdown();
            }
        }
    }

    /** Four shards, short Lease timings, a spark-submit that does nothing (these tests submit nothing real). */
    private OperatorConfig shardedConfig() throws Exception {
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nexit 0\n");
        submit.toFile().setExecutable(true);
        return OperatorFlags.parse(new String[] {"--spark-home=" + sparkHome,
                "--spark-submit-master=k8s://https://127.0.0.1:1", "--metrics-bind-address=127.0.0.1:0",
                "--health-probe-bind-address=127.0.0.1:0", "--leader-election=true",
                "--leader-election-lock-namespace=default", "--shards=4", "--leader-election-lease-duration=3s",
                "--leader-election-renew-deadline=2s", "--leader-election-retry-period=200ms",
                "--shutdown-timeout=5s"}, Map.of());
    }

    private static Operator replica(OperatorConfig config, MockCluster cluster, String pod) throws Exception {
        return Operator.start(config, Map.of("POD_NAME", pod), cluster.newClient(), UnaryOperator.identity());
    }

    private String readyz(Operator operator) {
        return get(operator.healthPort(), "/readyz");
    }

    private String get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
