package io.sparkoperator;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
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
import io.sparkoperator.testing.SparkMockApiServer;
import io.sparkoperator.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What {@code /metrics} of a really running operator serves: the Operator started as Main starts it (flags, leader
 * election, submitter, informers, endpoints) against fabric8's CRUD mock API server, with a small spark-submit script
 * standing in for Spark and this class for the kubelet. Before the scrape one app goes SUBMITTED, RUNNING (with an
 * executor), COMPLETED; one fails its submission; one times out in spark-submit; so labelled series have values.
 * Run once per test JVM and shared, in both formats Prometheus negotiates.
 */
public final class LiveOperatorScrape {
    /** The two expositions of one scrape: Prometheus text 0.0.4 and OpenMetrics 1.0 (what Prometheus asks for). */
    public record Scrape(String prometheusText, String openMetrics) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1";
    // Records nothing; fails for the app "broken", hangs past the timeout for "slow", succeeds for the others.
    private static final String SPARK_SUBMIT = """
            #!/usr/bin/env bash
            for arg in "$@"; do
              case "$arg" in
                *app-name=broken) echo 'Exception in thread "main" java.lang.IllegalArgumentException: boom' >&2; exit 1;;
                *app-name=slow) exec sleep 60;;
              esac
            done
            exit 0
            """;
    /** What the lifecycle above must have left in the scrape, so a scrape of an idle operator cannot pass. */
    private static final List<String> EXPECTED = List.of("spark_application_submit_count 1.0",
            "spark_application_success_count 1.0", "spark_application_failed_submission_count 2.0",
            "spark_executor_success_count 1.0", "spark_operator_applications{state=\"COMPLETED\"} 1.0",
            "spark_operator_applications{state=\"FAILED\"} 2.0",
            "spark_operator_submit_duration_seconds_count{result=\"timeout\"} 1",
            "spark_operator_submit_duration_seconds_count{result=\"failure\"} 1",
            "leader_election_master_status{name=\"spark-operator-lock\"} 1.0", "spark_operator_ready 1.0");
    private static Scrape shared;

    private final KubernetesMockServer server = SparkMockApiServer.start();
    private final KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LiveOperatorScrape() {
        for (String[] crd : List.of(new String[] {ApiGroup.SPARK_APPLICATION, "sparkapplications"},
                new String[] {ApiGroup.SCHEDULED_SPARK_APPLICATION, "scheduledsparkapplications"})) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP)
                    .withVersion(ApiGroup.VERSION).withKind(crd[0]).withPlural(crd[1]).withScope("Namespaced")
                    .withStatusSubresource(true).build());
        }
        client = server.createClient();
    }

    /** The scrape, taken on first use (a few seconds). */
    public static synchronized Scrape get() {
        if (shared == null) {
            LiveOperatorScrape run = new LiveOperatorScrape();
            try {
                shared = run.take();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("the operator did not start: " + e.getMessage(), e);
            } finally {
                run.server.destroy();
            }
        }
        return shared;
    }

    private Scrape take() throws Exception {
        Path work = Files.createTempDirectory("live-scrape");
        Path sparkHome = work.resolve("spark");
        Path script = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Files.writeString(script, SPARK_SUBMIT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        OperatorConfig config = OperatorFlags.parse(new String[] {"--spark-home=" + sparkHome,
                "--spark-submit-master=" + SparkMockApiServer.masterUrl(server), "--spark-submit-timeout=2s",
                "--metrics-bind-address=127.0.0.1:0", "--health-probe-bind-address=127.0.0.1:0",
                "--leader-election=true", "--leader-election-lock-namespace=default", "--shutdown-timeout=5s"},
                Map.of());
        Operator operator = null;
        try {
            operator = Operator.start(config, Map.of("POD_NAME", "live-scrape"), client, settings -> settings
                    .withKubeconfig(Path.of("/dev/null")).withWorkDir(work.resolve("templates"))
                    .withChildJvm(ChildJvmOptions.jdkDefaults()));
            waitFor("the operator to lead and be ready", operator::isReady);
            runOneLifecycle();
            create("broken");
            waitFor("broken to fail its submission", () -> state("broken") == AppState.FAILED);
            create("slow");
            waitFor("slow to time out in spark-submit", () -> state("slow") == AppState.FAILED);
            Operator running = operator;
            Scrape scrape = new Scrape(scrape(running, "text/plain"), scrape(running, OPENMETRICS));
            if (!scrape.openMetrics().endsWith("# EOF\n")) {
                throw new IllegalStateException("no OpenMetrics for Prometheus' Accept header:\n" + scrape.openMetrics());
            }
            for (String line : EXPECTED) {
                if (!scrape.prometheusText().contains("\n" + line + "\n")) {
                    throw new IllegalStateException("the scrape lacks " + line + ":\n" + scrape.prometheusText());
                }
            }
            return scrape;
        } finally {
            if (operator != null) {
                operator.shutdown();
            }
            TempDirs.delete(work);
        }
    }

    /** pi: SUBMITTED, RUNNING with one executor Running, then the executor and the driver succeed: COMPLETED. */
    private void runOneLifecycle() throws InterruptedException {
        create("pi");
        waitFor("pi to be SUBMITTED", () -> state("pi") == AppState.SUBMITTED);
        SparkApplicationStatus submitted = status("pi");
        String driver = submitted.driverInfo().podName();
        Map<String, String> labels = Map.of(Labels.APP_NAME, "pi", Labels.LAUNCHED_BY_SPARK_OPERATOR, "true",
                Labels.SUBMISSION_ID, submitted.submissionID(), Labels.SPARK_APP_SELECTOR, "spark-live");
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(driver)
                .withLabels(labels).addToLabels(Labels.SPARK_ROLE, Labels.ROLE_DRIVER).endMetadata()
                .withNewSpec().addNewContainer().withName(Labels.DRIVER_CONTAINER).withImage("spark").endContainer()
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("pi-exec-1")
                .withLabels(labels).addToLabels(Labels.SPARK_ROLE, Labels.ROLE_EXECUTOR)
                .addToLabels(Labels.SPARK_EXEC_ID, "1").endMetadata()
                .withNewSpec().addNewContainer().withName(Labels.EXECUTOR_CONTAINER).withImage("spark").endContainer()
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
        setPhase(driver, Labels.DRIVER_CONTAINER, "Running", null);
        setPhase("pi-exec-1", Labels.EXECUTOR_CONTAINER, "Running", null);
        waitFor("pi to be RUNNING", () -> state("pi") == AppState.RUNNING);
        setPhase("pi-exec-1", Labels.EXECUTOR_CONTAINER, "Succeeded", 0);
        setPhase(driver, Labels.DRIVER_CONTAINER, "Succeeded", 0);
        waitFor("pi to be COMPLETED", () -> state("pi") == AppState.COMPLETED);
    }

    private void create(String name) {
        SparkApplications.api(client).inNamespace("default").resource(ApiJson.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: %s, namespace: default}
                spec:
                  type: Scala
                  mode: cluster
                  image: docker.io/apache/spark:4.1.1
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  sparkVersion: 4.1.1
                  driver: {cores: 1, memory: 512m}
                  executor: {instances: 1, cores: 1, memory: 512m}
                """.formatted(name), GenericKubernetesResource.class)).create();
    }

    private SparkApplicationStatus status(String name) {
        GenericKubernetesResource app = SparkApplications.api(client).inNamespace("default").withName(name).get();
        return app == null ? null : SparkApplications.statusOf(app);
    }

    private AppState state(String name) {
        SparkApplicationStatus status = status(name);
        return status == null ? null : status.state();
    }

    /** What a kubelet would report for the pod's one container. */
    private void setPhase(String podName, String container, String phase, Integer exitCode) {
        Pod pod = client.pods().inNamespace("default").withName(podName).get();
        var status = new ContainerStatusBuilder().withName(container);
        if (exitCode == null) {
            status.withNewState().withNewRunning().endRunning().endState();
        } else {
            status.withNewState().withNewTerminated().withExitCode(exitCode).endTerminated().endState();
        }
        pod.setStatus(new PodStatusBuilder().withPhase(phase).withContainerStatuses(status.build()).build());
        client.pods().inNamespace("default").resource(pod).updateStatus();
    }

    private String scrape(Operator operator, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + operator.metricsPort() + "/metrics"))
                .header("Accept", accept).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + PATIENCE + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
