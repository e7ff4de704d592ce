package io.sparkoperator.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.SparkApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Component test: real fabric8 informers against the mock API server (CRUD mode) feed the metrics the way the
 * controller wires them - caches as gauge suppliers, informer events as transitions - and the endpoint is scraped
 * over HTTP after each step of a lifecycle.
 */
@EnableKubernetesMockClient(crud = true)
class InformerCacheMetricsTest {
    private static final String NS = "jobs";

    KubernetesClient client;
    private SharedIndexInformer<SparkApplication> apps;
    private SharedIndexInformer<Pod> pods;
    private OperatorEndpoints endpoints;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (endpoints != null) {
            endpoints.stop();
        }
        if (apps != null) {
            apps.stop();
        }
        if (pods != null) {
            pods.stop();
        }
    }

    @Test
    void gaugesFollowTheCacheAndCountersFollowInformerTransitions() throws Exception {
        SparkApplication running = Apps.withState(Apps.app(NS, "already-running", Map.of()), AppState.RUNNING, 1, 1,
                Apps.CREATED, null);
        client.resources(SparkApplication.class).inNamespace(NS).resource(running).create();
        client.pods().inNamespace(NS).resource(Apps.executor(NS, "already-running-exec-1", Map.of(), "Running"))
                .create();

        // operator start: informers, then metrics reading their stores, then the endpoint
        apps = client.resources(SparkApplication.class).inAnyNamespace().runnableInformer(0);
        pods = client.pods().inAnyNamespace().withLabel("spark-role", "executor").runnableInformer(0);
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), apps.getStore()::list,
                pods.getStore()::list);
        apps.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(SparkApplication app) {
                metrics.applications().onApplicationAdded(app);
            }

            @Override
            public void onUpdate(SparkApplication oldApp, SparkApplication newApp) {
                metrics.applications().onApplicationUpdated(oldApp, newApp, Instant.now());
            }

            @Override
            public void onDelete(SparkApplication app, boolean deletedFinalStateUnknown) {
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                metrics.executors().onExecutorPhase(newPod, oldPod.getStatus().getPhase(),
                        newPod.getStatus().getPhase());
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            }
        });
        apps.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        pods.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), () -> apps.hasSynced() && pods.hasSynced());

        awaitScrape("spark_application_running_count 1.0", "spark_executor_running_count 1.0",
                "spark_application_count 0.0", "spark_application_success_count 0.0");

        client.resources(SparkApplication.class).inNamespace(NS).resource(Apps.app(NS, "fresh", Map.of())).create();
        awaitScrape("spark_application_count 1.0");

        SparkApplication done = client.resources(SparkApplication.class).inNamespace(NS).withName("already-running")
                .get();
        done.setStatus(done.getStatus().withApplicationState(ApplicationState.of(AppState.COMPLETED))
                .withTerminationTime(Apps.CREATED.plusSeconds(90)));
        client.resources(SparkApplication.class).inNamespace(NS).resource(done).update();
        Pod exec = client.pods().inNamespace(NS).withName("already-running-exec-1").get();
        exec.getStatus().setPhase("Succeeded");
        client.pods().inNamespace(NS).resource(exec).update();
        awaitScrape("spark_application_running_count 0.0", "spark_application_success_count 1.0",
                "spark_application_success_execution_time_seconds_sum 90.0", "spark_executor_running_count 0.0",
                "spark_executor_success_count 1.0");

        SparkApplication again = client.resources(SparkApplication.class).inNamespace(NS).withName("fresh").get();
        again.setStatus(again.getStatus().withApplicationState(ApplicationState.of(AppState.RUNNING))
                .withExecutionAttempts(1).withSubmissionAttempts(1));
        client.resources(SparkApplication.class).inNamespace(NS).resource(again).update();
        awaitScrape("spark_application_running_count 1.0");
        client.resources(SparkApplication.class).inNamespace(NS).withName("fresh").delete();
        awaitScrape("spark_application_running_count 0.0");
    }

    private void awaitScrape(String... lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.metricsPort()
                    + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            String scraped = body;
            if (java.util.Arrays.stream(lines).allMatch(l -> scraped.contains("\n" + l + "\n"))) {
                return;
            }
            Thread.sleep(50);
        }
        String last = body;
        for (String line : lines) {
            assertTrue(last.contains("\n" + line + "\n"), "never scraped '" + line + "'; last scrape:\n" + last);
        }
    }
}
