package io.sparkoperator.sparkconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ConnectCondition;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.api.SparkConnectStatus;
import io.sparkoperator.testing.SimulatedKubelet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole SparkConnect lifecycles on the mock API server with the simulated kubelet: what a user sees in status, pods,
 * the Service and Events through Ready, a crashing server and its restarts up to the limit, a spec change and
 * deletion.
 */
class SparkConnectLifecycleTest {
    private static final String NAME = "spark-connect";
    private static final String SERVER = "spark-connect-server";

    private ConnectCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new ConnectCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** The example, changed: {@code server} is spec.server.template.metadata, {@code spec} is spec. */
    private static String example(Consumer<ObjectNode> serverMeta, Consumer<ObjectNode> spec) {
        ObjectNode manifest = (ObjectNode) ApiJson.serialization().unmarshal(
                ConnectCluster.example("spark-connect.yaml"), JsonNode.class);
        ObjectNode template = (ObjectNode) manifest.at("/spec/server/template");
        serverMeta.accept(template.has("metadata") ? (ObjectNode) template.get("metadata")
                : template.putObject("metadata"));
        spec.accept((ObjectNode) manifest.get("spec"));
        return manifest.toString();
    }

    private static Consumer<ObjectNode> annotation(String key, String value) {
        return meta -> (meta.has("annotations") ? (ObjectNode) meta.get("annotations")
                : meta.putObject("annotations")).put(key, value);
    }

    private SparkConnectStatus status() {
        return cluster.get(NAME).getStatus();
    }

    private ConnectCondition condition() {
        return status().conditions().stream().filter(c -> c.type().equals(ConnectCondition.SERVER_POD_READY))
                .findFirst().orElseThrow();
    }

    @Test
    void reachesReadyWithTheServerPodServiceAndStatusTheGoOperatorWouldProduce() {
        cluster.create(example(annotation(SimulatedKubelet.HOLD_ANNOTATION, "Running"), spec -> { }));
        cluster.await("the server pod", () -> cluster.pod(SERVER) != null, () -> "no pod");
        cluster.awaitState(NAME, "NotReady");
        assertEquals(ConnectCondition.REASON_SERVER_POD_NOT_READY, condition().reason());

        Pod pod = cluster.pod(SERVER);
        assertEquals(Map.of("sparkoperator.k8s.io/launched-by-spark-operator", "true",
                "sparkoperator.k8s.io/connect-name", NAME, "spark-role", "connect-server", "spark-version", "4.1.1"),
                pod.getMetadata().getLabels());
        assertEquals("SparkConnect", pod.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        assertEquals("spark-operator-spark", pod.getSpec().getServiceAccountName());
        var container = pod.getSpec().getContainers().get(0);
        assertEquals("spark-kubernetes-driver", container.getName());
        assertEquals("docker.io/apache/spark:4.1.1", container.getImage());
        assertEquals(List.of("bash", "-c"), container.getCommand());
        String line = container.getArgs().get(0);
        assertTrue(line.startsWith("${SPARK_HOME}/sbin/start-connect-server.sh --master " + ConnectCluster.MASTER
                + " --conf spark.kubernetes.namespace=default --conf spark.kubernetes.container.image="
                + "docker.io/apache/spark:4.1.1"), line);
        for (String conf : List.of("spark.executor.instances=2", "spark.executor.cores=1",
                "spark.executor.memory=512m", "spark.driver.cores=1", "spark.driver.memory=1g",
                "spark.kubernetes.driver.pod.name=spark-connect-server",
                "spark.kubernetes.executor.podNamePrefix=spark-connect",
                "spark.kubernetes.executor.label.sparkoperator.k8s.io/connect-name=spark-connect")) {
            assertTrue(line.contains(" --conf " + conf), conf + " in " + line);
        }
        assertEquals(15002, container.getReadinessProbe().getTcpSocket().getPort().getIntVal());

        Service service = cluster.client.services().inNamespace(ConnectCluster.NS).withName(SERVER).get();
        assertNotNull(service, "the Service " + SERVER);
        assertEquals(List.of("driver-rpc:7078", "blockmanager:7079", "web-ui:4040", "spark-connect-server:15002"),
                service.getSpec().getPorts().stream().map(p -> p.getName() + ":" + p.getPort()).toList());
        assertEquals(pod.getMetadata().getLabels(), service.getSpec().getSelector());
        ConfigMap conf = cluster.client.configMaps().inNamespace(ConnectCluster.NS).withName("spark-connect-conf").get();
        assertEquals("null\n", conf.getData().get("executor-pod-template.yaml"), "no executor template in this one");

        cluster.kubelet.step(ConnectCluster.NS, SERVER); // Pending
        cluster.kubelet.step(ConnectCluster.NS, SERVER); // Running and Ready
        cluster.awaitState(NAME, "Ready");
        SparkConnectStatus ready = status();
        assertEquals("True", condition().status());
        assertEquals(ConnectCondition.REASON_SERVER_POD_READY, condition().reason());
        assertEquals(SERVER, ready.server().podName());
        assertEquals(cluster.pod(SERVER).getStatus().getPodIP(), ready.server().podIp());
        assertEquals(SERVER, ready.server().serviceName());
        assertNotNull(ready.startTime());
        assertNotNull(ready.lastUpdateTime());
        assertNull(ready.executors(), "no executors yet");

        cluster.executor(NAME, 1);
        cluster.executor(NAME, 2);
        cluster.await("2 pending executors", () -> Map.of("pending", 2).equals(status().executors()),
                () -> String.valueOf(status().executors()));
        cluster.kubelet.step(ConnectCluster.NS, NAME + "-exec-1");
        cluster.kubelet.step(ConnectCluster.NS, NAME + "-exec-2");
        cluster.kubelet.step(ConnectCluster.NS, NAME + "-exec-1");
        cluster.kubelet.step(ConnectCluster.NS, NAME + "-exec-2");
        cluster.await("2 running executors", () -> Map.of("running", 2).equals(status().executors()),
                () -> String.valueOf(status().executors()));
        assertEquals("Ready", status().state());
        assertTrue(cluster.eventReasons(NAME).containsAll(List.of("SparkConnectServerCreated", "SparkConnectReady")),
                cluster.eventReasons(NAME)::toString);
    }

    @Test
    void aFailingServerIsRestartedUpToTheLimitThenFailedWithTheReason() {
        cluster.create(example(annotation(SimulatedKubelet.EXIT_CODE_ANNOTATION, "3"), spec -> ((ObjectNode) spec
                .get("restartPolicy")).put("onFailureRetries", 1).put("onFailureRetryInterval", 1)));
        cluster.await("the server pod", () -> cluster.pod(SERVER) != null, () -> "no pod");
        String first = cluster.pod(SERVER).getMetadata().getUid();
        runToEnd();
        cluster.await("a restart", () -> cluster.uid(SERVER) != null && !first.equals(cluster.uid(SERVER)),
                () -> ApiJson.toJson(status()));
        cluster.await("restartAttempts 1", () -> Integer.valueOf(1).equals(status().restartAttempts()),
                () -> ApiJson.toJson(status()));
        assertNotNull(status().lastRestartTime());
        assertTrue(cluster.eventReasons(NAME).contains("SparkConnectServerRestarting"),
                cluster.eventReasons(NAME)::toString);

        runToEnd();
        try {
            cluster.awaitState(NAME, "Failed");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; pod transitions " + cluster.kubelet.history() + "; events "
                    + cluster.eventReasons(NAME), e);
        }
        assertEquals(ConnectCondition.REASON_RESTART_LIMIT_EXCEEDED, condition().reason());
        assertEquals("False", condition().status());
        assertEquals(1, status().restartAttempts());
        cluster.await("the Failed event", () -> cluster.eventReasons(NAME).contains("SparkConnectFailed"),
                cluster.eventReasons(NAME)::toString);
        var failed = cluster.client.v1().events().inNamespace(ConnectCluster.NS).list().getItems().stream()
                .filter(e -> e.getReason().equals("SparkConnectFailed")).findFirst().orElseThrow();
        assertEquals("Warning", failed.getType());
        assertTrue(failed.getMessage().contains("exit code 3") && failed.getMessage().contains("restart limit"),
                failed.getMessage());
        assertEquals("Failed", cluster.pod(SERVER).getStatus().getPhase(), "the last server is kept for its logs");
    }

    @Test
    void withRestartPolicyNeverAFailedServerStaysFailed() {
        cluster.create(example(annotation(SimulatedKubelet.EXIT_CODE_ANNOTATION, "1"), spec -> ((ObjectNode) spec
                .get("restartPolicy")).put("restartPolicyType", "Never")));
        cluster.await("the server pod", () -> cluster.pod(SERVER) != null, () -> "no pod");
        String uid = cluster.pod(SERVER).getMetadata().getUid();
        runToEnd();
        cluster.awaitState(NAME, "Failed");
        assertEquals(ConnectCondition.REASON_SERVER_POD_NOT_READY, condition().reason());
        assertTrue(condition().message().startsWith("Server pod failed"), condition().message());
        assertEquals(uid, cluster.pod(SERVER).getMetadata().getUid(), "not restarted");
        assertNull(status().restartAttempts());
    }

    @Test
    void aSpecChangeRollsTheServer() {
        cluster.create(example(annotation(SimulatedKubelet.HOLD_ANNOTATION, "Running"), spec -> { }));
        cluster.await("the server pod", () -> cluster.pod(SERVER) != null, () -> "no pod");
        cluster.kubelet.step(ConnectCluster.NS, SERVER);
        cluster.kubelet.step(ConnectCluster.NS, SERVER);
        cluster.awaitState(NAME, "Ready");
        String before = cluster.pod(SERVER).getMetadata().getUid();

        SparkConnect current = cluster.get(NAME);
        ObjectNode tree = (ObjectNode) ApiJson.serialization().unmarshal(ApiJson.toJson(current), JsonNode.class);
        ((ObjectNode) tree.at("/spec/executor")).put("instances", 3);
        ((ObjectNode) tree.at("/spec")).putObject("sparkConf").put("spark.sql.shuffle.partitions", "8");
        SparkConnect changed = ApiJson.parse(tree.toString(), SparkConnect.class);
        cluster.client.resources(SparkConnect.class).inNamespace(ConnectCluster.NS).resource(changed).update();

        // The pod read once per check: a second read could fall between a delete and the next create.
        Pod[] rolled = new Pod[1];
        cluster.await("a new server pod", () -> {
            Pod pod = cluster.pod(SERVER);
            rolled[0] = pod != null && !before.equals(pod.getMetadata().getUid()) ? pod : null;
            return rolled[0] != null;
        }, () -> ApiJson.toJson(status()));
        String line = rolled[0].getSpec().getContainers().get(0).getArgs().get(0);
        assertTrue(line.contains("--conf spark.executor.instances=3"), line);
        assertTrue(line.contains("--conf 'spark.sql.shuffle.partitions=8'"), line);
        cluster.awaitState(NAME, "NotReady");
        cluster.kubelet.step(ConnectCluster.NS, SERVER);
        cluster.kubelet.step(ConnectCluster.NS, SERVER);
        cluster.awaitState(NAME, "Ready");
        assertTrue(cluster.eventReasons(NAME).contains("SparkConnectServerSpecChanged"),
                cluster.eventReasons(NAME)::toString);
        assertNull(status().restartAttempts(), "a roll is not a restart");
    }

    @Test
    void deletionRemovesTheServerItsExecutorsServiceAndConfigMap() {
        cluster.create(example(annotation(SimulatedKubelet.HOLD_ANNOTATION, "Running"), spec -> { }));
        cluster.await("the server pod", () -> cluster.pod(SERVER) != null, () -> "no pod");
        cluster.executor(NAME, 1);
        cluster.await("the Service", () -> cluster.client.services().inNamespace(ConnectCluster.NS)
                .withName(SERVER).get() != null, () -> "no service");

        cluster.client.resources(SparkConnect.class).inNamespace(ConnectCluster.NS).withName(NAME).delete();
        cluster.await("everything gone", () -> cluster.pod(SERVER) == null && cluster.pod(NAME + "-exec-1") == null
                && cluster.client.services().inNamespace(ConnectCluster.NS).withName(SERVER).get() == null
                && cluster.client.configMaps().inNamespace(ConnectCluster.NS).withName("spark-connect-conf").get()
                == null, () -> "pods " + cluster.client.pods().inNamespace(ConnectCluster.NS).list().getItems()
                .stream().map(p -> p.getMetadata().getName()).toList());
    }

    @Test
    void aSpecWithoutAnImageFailsWithTheReasonAndNoPod() {
        cluster.create(example(meta -> { }, spec -> spec.remove("image")));
        cluster.awaitState(NAME, "Failed");
        assertTrue(condition().message().contains("image is not specified"), condition().message());
        assertNull(cluster.pod(SERVER));
        cluster.await("the Invalid event", () -> cluster.eventReasons(NAME).contains("SparkConnectInvalid"),
                cluster.eventReasons(NAME)::toString);
    }

    @Test
    void aUserServiceIsUsedWithTheOperatorsPorts() {
        cluster.create(ConnectCluster.example("spark-connect-dynamic-allocation.yaml"));
        String name = "spark-connect-dynamic";
        cluster.await("the Service", () -> cluster.client.services().inNamespace(ConnectCluster.NS)
                .withName("spark-connect-dynamic-lb").get() != null, () -> "no service");
        Service service = cluster.client.services().inNamespace(ConnectCluster.NS).withName("spark-connect-dynamic-lb")
                .get();
        assertEquals("LoadBalancer", service.getSpec().getType());
        assertEquals("true", service.getMetadata().getAnnotations().get("example.com/exposed"));
        assertEquals(List.of(15002), service.getSpec().getPorts().stream().map(ServicePort::getPort)
                .filter(p -> p == 15002).toList());
        cluster.await("status.server.serviceName", () -> cluster.get(name).getStatus() != null
                && "spark-connect-dynamic-lb".equals(cluster.get(name).getStatus().server().serviceName()),
                () -> ApiJson.toJson(cluster.get(name).getStatus()));
        Pod pod = cluster.pod(name + "-server");
        String line = pod.getSpec().getContainers().get(0).getArgs().get(0);
        for (String conf : List.of("spark.dynamicAllocation.enabled=true", "spark.dynamicAllocation.minExecutors=0",
                "spark.dynamicAllocation.maxExecutors=8", "spark.dynamicAllocation.shuffleTracking.enabled=true",
                "spark.kubernetes.executor.podTemplateFile=/tmp/spark/executor-pod-template.yaml")) {
            assertTrue(line.contains(" --conf " + conf), conf + " in " + line);
        }
        assertEquals("analytics", pod.getMetadata().getLabels().get("team"));
        assertNotEquals("null\n", cluster.client.configMaps().inNamespace(ConnectCluster.NS)
                .withName(name + "-conf").get().getData().get("executor-pod-template.yaml"));
    }

    /** Moves the current server pod Pending, Running, then to its end. */
    /**
     * Steps the server pod there is now until it has ended (Pending, Running, then its exit): read afresh each
     * time, so a step that found no pod (the operator was between deleting one and creating the next) is made again
     * on the new one instead of being lost.
     */
    private void runToEnd() {
        cluster.await("the server pod run to its end", () -> {
            Pod pod = cluster.pod(SERVER);
            if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
                return false;
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                return true;
            }
            cluster.kubelet.step(ConnectCluster.NS, SERVER);
            return false;
        }, () -> ApiJson.toJson(status()));
    }
}
