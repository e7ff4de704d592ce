package io.sparkoperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.config.OperatorConfig;
import io.sparkoperator.config.OperatorFlags;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.submit.ChildJvmOptions;
import io.sparkoperator.testing.AssembledSparkHome;
import io.sparkoperator.testing.SparkMockApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as Main starts it (flags, submitter, metrics and health endpoints, informers, dispatcher), running the
 * real spark-submit of Spark 4.1.1 ({@code make spark-home}) against fabric8's CRUD mock API server; pod status
 * changes stand in for a kubelet. Ends with the SIGTERM path.
 */
@Tag("integration")
class OperatorIntegrationTest {
    private final KubernetesMockServer server = SparkMockApiServer.start();
    private final KubernetesClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private Operator operator;
    /** The pod templates and the 76 MB start-up cache: deleted with the test. */
    @TempDir
    Path work;

    OperatorIntegrationTest() {
        for (String[] crd : List.of(new String[] {ApiGroup.SPARK_APPLICATION, "sparkapplications"},
                new String[] {ApiGroup.SCHEDULED_SPARK_APPLICATION, "scheduledsparkapplications"})) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP)
                    .withVersion(ApiGroup.VERSION).withKind(crd[0]).withPlural(crd[1]).withScope("Namespaced")
                    .withStatusSubresource(true).build());
        }
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.shutdown();
        }
        server.destroy();
    }

    @Test
    @Timeout(240)
    void mainWiringSubmitsWithTheRealSparkSubmitFollowsTheDriverAndShutsDown() throws Exception {
        Path sparkHome = AssembledSparkHome.require();
        OperatorConfig config = OperatorFlags.parse(new String[] {"--spark-home=" + sparkHome,
                "--spark-submit-master=" + SparkMockApiServer.masterUrl(server), "--spark-submit-timeout=120s",
                "--metrics-bind-address=127.0.0.1:0", "--health-probe-bind-address=127.0.0.1:0",
                "--shutdown-timeout=10s"}, Map.of());
        operator = Operator.start(config, Map.of("POD_NAME", "it"), client, settings -> settings
                .withJavaHome(Path.of(System.getProperty("java.home"))).withKubeconfig(Path.of("/dev/null"))
                .withWorkDir(work.resolve("templates")).withChildJvm(ChildJvmOptions.tuned(work.resolve("cds"))));
        waitFor(operator::isReady, Duration.ofSeconds(30));
        assertEquals(200, get(operator.healthPort(), "/readyz").statusCode());

        SparkApplications.api(client).inNamespace("default").resource(ApiJson.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: it-pi, namespace: default}
                spec:
                  type: Scala
                  mode: cluster
                  image: docker.io/apache/spark:4.1.1
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  sparkVersion: 4.1.1
                  driver: {cores: 1, memory: 512m}
                  executor: {instances: 1, cores: 1, memory: 512m}
                """, GenericKubernetesResource.class)).create();

        waitFor(() -> client.pods().inNamespace("default").withName("it-pi-driver").get() != null,
                Duration.ofSeconds(180));
        // The mock leaves a new pod without status; a real API server reports it Pending.
        setPhase("Pending", null);
        waitFor(() -> state() == AppState.SUBMITTED && status().driverInfo() != null
                && status().driverInfo().webUIServiceName() != null, Duration.ofSeconds(30));
        SparkApplicationStatus submitted = status();
        Pod driver = client.pods().inNamespace("default").withName("it-pi-driver").get();
        assertEquals(submitted.submissionID(), driver.getMetadata().getLabels().get(Labels.SUBMISSION_ID),
                "spark-submit ran with the submission ID recorded before it");
        assertEquals("true", driver.getMetadata().getLabels().get(Labels.LAUNCHED_BY_SPARK_OPERATOR));
        assertNotNull(client.services().inNamespace("default").withName("it-pi-ui-svc").get());
        assertEquals("it-pi-ui-svc", submitted.driverInfo().webUIServiceName());

        setPhase("Running", null);
        waitFor(() -> state() == AppState.RUNNING, Duration.ofSeconds(30));
        setPhase("Succeeded", 0);
        waitFor(() -> state() == AppState.COMPLETED, Duration.ofSeconds(30));
        waitFor(() -> client.services().inNamespace("default").withName("it-pi-ui-svc").get() == null,
                Duration.ofSeconds(30));

        String metrics = get(operator.metricsPort(), "/metrics").body();
        assertTrue(metrics.contains("spark_application_submit_count 1.0"), metrics);
        assertTrue(metrics.contains("spark_application_success_count 1.0"), metrics);
        assertTrue(metrics.contains("spark_operator_submit_duration_seconds_count{result=\"success\"} 1"), metrics);
        assertTrue(metrics.contains("controller_runtime_reconcile_total{controller=\"sparkapplication\""), metrics);

        int health = operator.healthPort();
        operator.shutdown();
        operator = null;
        assertThrows(IOException.class, () -> get(health, "/healthz"), "endpoints closed on shutdown");
    }

    private SparkApplicationStatus status() {
        return SparkApplications.statusOf(SparkApplications.api(client).inNamespace("default").withName("it-pi").get());
    }

    private AppState state() {
        return status().state();
    }

    /** What a kubelet would report for the driver container. */
    private void setPhase(String phase, Integer exitCode) {
        Pod pod = client.pods().inNamespace("default").withName("it-pi-driver").get();
        var container = new ContainerStatusBuilder().withName(Labels.DRIVER_CONTAINER);
        if ("Pending".equals(phase)) {
            container.withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState();
        } else if (exitCode == null) {
            container.withNewState().withNewRunning().endRunning().endState();
        } else {
            container.withNewState().withNewTerminated().withExitCode(exitCode).endTerminated().endState();
        }
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase)
                .withContainerStatuses(container.build()).build());
        client.pods().inNamespace("default").resource(pod).updateStatus();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + patience);
            }
            Thread.sleep(50);
        }
    }
}
