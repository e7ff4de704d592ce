package io.sparkoperator.sparkconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkConnect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's command line, pod and Service as the Go operator builds them from the same manifest (its
 * options.go, reconciler.go and util.go), option for option; where this operator differs it is said here.
 */
class ServerArgsTest {
    private static final String MASTER = "k8s://https://10.96.0.1:443";

    private static SparkConnect connect(String specYaml) {
        SparkConnect connect = ApiJson.parse("""
                apiVersion: sparkoperator.k8s.io/v1alpha1
                kind: SparkConnect
                metadata:
                  name: conn
                  namespace: analytics
                  labels:
                    team: bi
                spec:
                """ + specYaml.indent(2), SparkConnect.class);
        connect.getMetadata().setUid("uid-1");
        return connect;
    }

    @Test
    void theLineHasTheGoOperatorsOptionsInItsOrder() throws Exception {
        SparkConnect connect = connect("""
                sparkVersion: 4.1.1
                image: spark:4.1.1
                sparkConf:
                  spark.sql.shuffle.partitions: "8"
                  spark.kubernetes.driver.pod.name: ignored
                hadoopConf:
                  fs.s3a.endpoint: http://minio:9000
                server:
                  cores: 2
                  memory: 2g
                executor:
                  instances: 2
                  cores: 1
                  memory: 512m
                dynamicAllocation:
                  enabled: true
                  minExecutors: 1
                  maxExecutors: 4
                """);
        assertEquals(List.of("${SPARK_HOME}/sbin/start-connect-server.sh",
                "--master", MASTER,
                "--conf", "spark.kubernetes.namespace=analytics",
                "--conf", "spark.kubernetes.container.image=spark:4.1.1",
                "--conf", "spark.kubernetes.executor.container.image=spark:4.1.1",
                "--conf", "'spark.sql.shuffle.partitions=8'",
                "--conf", "'spark.hadoop.fs.s3a.endpoint=http://minio:9000'",
                "--conf", "spark.kubernetes.driver.label.sparkoperator.k8s.io/launched-by-spark-operator=true",
                "--conf", "spark.kubernetes.driver.label.sparkoperator.k8s.io/connect-name=conn",
                "--conf", "spark.kubernetes.driver.label.team=bi",
                "--conf", "spark.driver.cores=2",
                "--conf", "spark.driver.memory=2g",
                "--conf", "spark.driver.bindAddress=0.0.0.0",
                "--conf", "spark.driver.host=" + ServerArgs.DRIVER_HOST,
                "--conf", "spark.driver.port=7078",
                "--conf", "spark.driver.blockManager.port=7079",
                "--conf", "spark.kubernetes.driver.pod.name=conn-server",
                "--conf", "spark.kubernetes.executor.label.sparkoperator.k8s.io/launched-by-spark-operator=true",
                "--conf", "spark.kubernetes.executor.label.sparkoperator.k8s.io/connect-name=conn",
                "--conf", "spark.kubernetes.executor.label.team=bi",
                "--conf", "spark.executor.instances=2",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.kubernetes.executor.podNamePrefix=conn",
                "--conf", "spark.dynamicAllocation.enabled=true",
                "--conf", "spark.dynamicAllocation.minExecutors=1",
                "--conf", "spark.dynamicAllocation.maxExecutors=4",
                "--conf", "spark.dynamicAllocation.shuffleTracking.enabled=true"), ServerArgs.of(connect, MASTER));
    }

    @Test
    void theExecutorTemplatesImageWinsAndItsFileIsNamed() throws Exception {
        List<String> args = ServerArgs.of(connect("""
                sparkVersion: 4.1.1
                image: spark:4.1.1
                server: {}
                executor:
                  template:
                    spec:
                      containers:
                      - name: spark-kubernetes-executor
                        image: spark:custom
                """), MASTER);
        assertTrue(args.contains("spark.kubernetes.executor.container.image=spark:custom"), args::toString);
        assertTrue(args.contains("spark.kubernetes.container.image=spark:custom"), args::toString);
        assertTrue(args.contains("spark.kubernetes.executor.podTemplateFile=/tmp/spark/executor-pod-template.yaml"));
        assertTrue(args.contains("spark.kubernetes.executor.podTemplateContainerName=spark-kubernetes-executor"));
    }

    @Test
    void aValueTheShellWouldSplitIsQuoted() throws Exception {
        List<String> args = ServerArgs.of(connect("""
                sparkVersion: 4.1.1
                image: spark:4.1.1
                sparkConf:
                  spark.driver.extraJavaOptions: "-Da=1 -Db='x'"
                server:
                  memory: "1g; rm -rf /"
                executor: {}
                """), MASTER);
        assertTrue(args.contains("'spark.driver.extraJavaOptions=-Da=1 -Db='\"'\"'x'\"'\"''"), args::toString);
        assertTrue(args.contains("'spark.driver.memory=1g; rm -rf /'"), args::toString);
    }

    @Test
    void noImageAnywhereIsAClearError() {
        var e = assertThrows(InvalidConnectException.class, () -> ServerPodBuilder.build(connect("""
                sparkVersion: 4.1.1
                server: {}
                executor: {}
                """), MASTER, "null\n"));
        assertTrue(e.getMessage().startsWith("image is not specified"), e.getMessage());
    }

    @Test
    void theServerPodAndServiceAreTheGoOperators() throws Exception {
        SparkConnect connect = connect("""
                sparkVersion: 4.1.1
                image: spark:4.1.1
                server:
                  template:
                    metadata:
                      labels:
                        key1: value1
                    spec:
                      containers:
                      - name: sidecar
                        image: busybox
                      - name: spark-kubernetes-driver
                executor: {}
                """);
        Pod pod = ServerPodBuilder.build(connect, MASTER, "null\n");
        assertEquals("conn-server", pod.getMetadata().getName());
        assertEquals("analytics", pod.getMetadata().getNamespace());
        assertEquals("value1", pod.getMetadata().getLabels().get("key1"));
        assertEquals("connect-server", pod.getMetadata().getLabels().get("spark-role"));
        var server = pod.getSpec().getContainers().get(1);
        assertEquals("busybox", pod.getSpec().getContainers().get(0).getImage(), "the sidecar is kept");
        assertEquals("spark:4.1.1", server.getImage());
        assertEquals(List.of("POD_IP", "SPARK_NO_DAEMONIZE"), server.getEnv().stream().map(e -> e.getName()).toList());
        assertEquals("status.podIP", server.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath());
        assertEquals("/tmp/spark/executor-pod-template.yaml", server.getVolumeMounts().get(0).getMountPath());
        assertEquals("conn-conf", pod.getSpec().getVolumes().get(0).getConfigMap().getName());
        assertEquals(List.of("bash", "-c", "${SPARK_HOME}/sbin/stop-connect-server.sh"),
                server.getLifecycle().getPreStop().getExec().getCommand());
        assertEquals(30, server.getStartupProbe().getFailureThreshold());
        var owner = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("sparkoperator.k8s.io/v1alpha1", "SparkConnect", "conn", "uid-1", true, true),
                List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(), owner.getController(),
                        owner.getBlockOwnerDeletion()));

        Service service = ServerService.build(connect);
        assertEquals("conn-server", service.getMetadata().getName());
        assertEquals(List.of("driver-rpc/7078/tcp", "blockmanager/7079/tcp", "web-ui/4040/http",
                "spark-connect-server/15002/grpc"), service.getSpec().getPorts().stream()
                .map(p -> p.getName() + "/" + p.getPort() + "/" + p.getAppProtocol()).toList());
        assertEquals("true", service.getMetadata().getLabels().get("sparkoperator.k8s.io/created-by-spark-operator"));
    }

    @Test
    void theSameSpecGivesTheSameFingerprintAndAChangeAnother() throws Exception {
        String spec = """
                sparkVersion: 4.1.1
                image: spark:4.1.1
                sparkConf: {a: "1", b: "2"}
                server: {}
                executor: {instances: 1}
                """;
        String first = ServerPodBuilder.hashOf(ServerPodBuilder.build(connect(spec), MASTER, "null\n"));
        assertEquals(first, ServerPodBuilder.hashOf(ServerPodBuilder.build(connect(spec), MASTER, "null\n")));
        String other = ServerPodBuilder.hashOf(ServerPodBuilder.build(connect(spec.replace("instances: 1",
                "instances: 2")), MASTER, "null\n"));
        assertTrue(!first.equals(other), "a changed executor count changes the server");
        String template = ServerPodBuilder.hashOf(ServerPodBuilder.build(connect(spec), MASTER, "spec: {}\n"));
        assertTrue(!first.equals(template), "a changed executor template changes the server");
    }
}
