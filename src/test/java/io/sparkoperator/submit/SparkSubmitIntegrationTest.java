package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.AssembledSparkHome;
import io.sparkoperator.testing.SparkMockApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real spark-submit (Spark 4.1.1 from {@code make spark-home}) against fabric8's CRUD mock API server with
 * server-side apply support. Each submit costs 2-6 s of CPU, so there are few.
 */
@Tag("integration")
class SparkSubmitIntegrationTest {
    @TempDir
    static Path work;
    static KubernetesMockServer server;
    static KubernetesClient client;
    static Submitter submitter;

    @BeforeAll
    static void start() {
        server = SparkMockApiServer.start();
        client = server.createClient();
        SubmitterConfig config = SparkMockApiServer.submitterConfig(server, work)
                .withTimeout(Duration.ofSeconds(90));
        submitter = new Submitter(config);
    }

    @AfterAll
    static void stop() {
        if (submitter != null) {
            submitter.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    @Timeout(180)
    void driverPodCarriesLabelsTemplateFieldsAndOwnerThenSecondSubmitFindsItExists() throws IOException {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: it-pi
                  namespace: default
                  uid: %s
                  labels: {team: data}
                spec:
                  type: Scala
                  image: docker.io/apache/spark:4.1.1
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  sparkVersion: 4.1.1
                  driver:
                    memory: 512m
                    env: [{name: GREETING, value: hello}]
                    configMaps: [{name: app-config, path: /etc/app}]
                    tolerations: [{key: dedicated, operator: Equal, value: spark, effect: NoSchedule}]
                    memoryLimit: 2g
                  executor:
                    instances: 1
                """.formatted(TestApps.UID));

        SubmitResult first = submitter.submit(app, "it-submission-1");

        SubmitResult.Submitted submitted = assertInstanceOf(SubmitResult.Submitted.class, first, first::toString);
        assertEquals("it-pi-driver", submitted.driverPodName());
        assertTrue(submitted.warnings().stream().anyMatch(w -> w.contains("memoryLimit")), submitted::toString);
        Pod pod = client.pods().inNamespace("default").withName("it-pi-driver").get();
        assertNotNull(pod, "spark-submit created no driver pod");
        var labels = pod.getMetadata().getLabels();
        assertEquals("it-pi", labels.get(Labels.APP_NAME));
        assertEquals("true", labels.get(Labels.LAUNCHED_BY_SPARK_OPERATOR));
        assertEquals("it-submission-1", labels.get(Labels.SUBMISSION_ID));
        assertEquals("data", labels.get("team"));
        assertEquals(Labels.ROLE_DRIVER, labels.get(Labels.SPARK_ROLE));
        OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals(TestApps.UID, owner.getUid());
        assertEquals("SparkApplication", owner.getKind());
        assertEquals(Boolean.TRUE, owner.getController());
        assertTrue(pod.getSpec().getTolerations().stream().anyMatch(t -> "dedicated".equals(t.getKey())
                && "spark".equals(t.getValue())), () -> "tolerations: " + pod.getSpec().getTolerations());
        Container driver = pod.getSpec().getContainers().stream()
                .filter(c -> Labels.DRIVER_CONTAINER.equals(c.getName())).findFirst().orElseThrow();
        assertTrue(driver.getEnv().stream().anyMatch(e -> "GREETING".equals(e.getName()) && "hello".equals(e.getValue())),
                () -> "env: " + driver.getEnv());
        assertTrue(pod.getSpec().getVolumes().stream().anyMatch(v -> v.getConfigMap() != null
                && "app-config".equals(v.getConfigMap().getName())), () -> "volumes: " + pod.getSpec().getVolumes());
        assertTrue(driver.getVolumeMounts().stream().anyMatch(m -> "/etc/app".equals(m.getMountPath())),
                () -> "mounts: " + driver.getVolumeMounts());
        assertEquals("896Mi", driver.getResources().getLimits().get("memory").toString(),
                "Spark, not memoryLimit (2g), sets the memory limit: 512Mi + the 384Mi minimum overhead");
        assertTemplateDirsRemoved();
        Path cache = ChildJvmOptions.tuned(work.resolve("cds")).cacheFile(Runtime.version().feature());
        assertTrue(Files.size(cache) > 1_000_000,
                "the child JVM wrote its start-up cache on exit (AOT cache on JDK 25+, class-data archive before)");

        SubmitResult second = submitter.submit(app, "it-submission-2");

        assertInstanceOf(SubmitResult.DriverAlreadyExists.class, second, second::toString);
        assertEquals("it-submission-1", client.pods().inNamespace("default").withName("it-pi-driver").get()
                .getMetadata().getLabels().get(Labels.SUBMISSION_ID), "the first driver pod is untouched");
        assertTemplateDirsRemoved();
        assertEquals(0, submitterRunning());
    }

    @Test
    @Timeout(60)
    void specMistakeCaughtInsideSparkSubmitIsAFailureWithTheReason() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: bad-memory, namespace: default, uid: %s}
                spec:
                  image: docker.io/apache/spark:4.1.1
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  sparkVersion: 4.1.1
                  driver: {memory: lots}
                  executor: {}
                """.formatted(TestApps.UID));

        SubmitResult result = submitter.submit(app, "it-bad-1");

        SubmitResult.Failed failed = assertInstanceOf(SubmitResult.Failed.class, result, result::toString);
        assertEquals(1, failed.exitCode());
        assertTrue(failed.message().toLowerCase().contains("memory"), failed::message);
        assertTrue(failed.errorLines().stream().noneMatch(l -> l.contains(" INFO ")), failed::message);
        assertEquals(null, client.pods().inNamespace("default").withName("bad-memory-driver").get());
    }

    @Test
    @Timeout(120)
    void anApiServerThatRefusesConnectionsIsUnavailableNotASpecFailure() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // closed again when this block ends: nothing listens there
        }
        SubmitterConfig closed = SubmitterConfig.defaults(AssembledSparkHome.require(),
                        "k8s://http://127.0.0.1:" + closedPort)
                .withJavaHome(Path.of(System.getProperty("java.home")))
                .withKubeconfig(Path.of("/dev/null"))
                .withWorkDir(work.resolve("templates"))
                .withChildJvm(ChildJvmOptions.tuned(work.resolve("cds")))
                .withTimeout(Duration.ofSeconds(90));
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: no-api, namespace: default, uid: %s}
                spec:
                  image: docker.io/apache/spark:4.1.1
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  sparkVersion: 4.1.1
                  driver: {cores: 1, memory: 512m}
                  executor: {instances: 1, cores: 1, memory: 512m}
                """.formatted(TestApps.UID));

        SubmitResult result;
        try (Submitter refused = new Submitter(closed)) {
            result = refused.submit(app, "it-no-api-1");
        }

        SubmitResult.ApiServerUnavailable unavailable = assertInstanceOf(SubmitResult.ApiServerUnavailable.class,
                result, result::toString);
        assertTrue(unavailable.cause().toLowerCase().contains("connection refused")
                || unavailable.cause().toLowerCase().contains("failed to connect"), unavailable::cause);
        assertTrue(!unavailable.errorLines().get(0).contains("getSubject"),
                "the cause leads, not the JDK warning: " + unavailable.errorLines());
        System.out.println("spark-submit against a closed port: " + unavailable.cause() + "  | lines: "
                + unavailable.errorLines());
    }

    private static int submitterRunning() {
        return (int) ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }

    private static void assertTemplateDirsRemoved() throws IOException {
        Path dir = work.resolve("templates");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "pod template dirs left in " + dir);
        }
    }
}
