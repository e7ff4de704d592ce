package io.sparkoperator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorEndpointsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<SparkApplication> cache = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private OperatorEndpoints endpoints;

    @AfterEach
    void stop() {
        if (endpoints != null) {
            endpoints.stop();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrapeAfterALifecycleShowsGoNamesControllerAndJvmMetrics() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), ready::get);
        assertNotEquals(endpoints.metricsPort(), endpoints.healthPort());

        SparkApplication app = Apps.app("default", "spark-pi", Map.of());
        cache.add(app);
        metrics.applications().onApplicationAdded(app);
        Apps.withState(app, AppState.SUBMITTED, 1, 1, Apps.CREATED.plusSeconds(2), null);
        metrics.applications().onStateTransition(app, AppState.NEW, AppState.SUBMITTED, Apps.CREATED.plusSeconds(2));
        Apps.withState(app, AppState.RUNNING, 1, 1, Apps.CREATED.plusSeconds(2), null);
        metrics.applications().onStateTransition(app, AppState.SUBMITTED, AppState.RUNNING,
                Apps.CREATED.plusSeconds(40));
        ControllerMetrics.Controller controller = metrics.controller().register("sparkapplication", () -> 3);
        controller.onReconcile(ReconcileOutcome.SUCCESS, Duration.ofMillis(20));
        controller.onReconcile(ReconcileOutcome.ERROR, Duration.ofMillis(7));
        controller.onStatusConflict();
        metrics.controller().trackSubmitProcesses(() -> 2);
        metrics.controller().onSparkSubmitFinished(SubmitOutcome.SUCCESS, Duration.ofMillis(4200));

        HttpResponse<String> scrape = get(endpoints.metricsPort(), "/metrics");
        assertEquals(200, scrape.statusCode());
        String body = scrape.body();
        for (String line : List.of("spark_application_count 1.0", "spark_application_submit_count 1.0",
                "spark_application_running_count 1.0", "spark_application_start_latency_seconds_sum 40.0",
                "controller_runtime_reconcile_total{controller=\"sparkapplication\",result=\"success\"} 1.0",
                "controller_runtime_reconcile_total{controller=\"sparkapplication\",result=\"error\"} 1.0",
                "controller_runtime_reconcile_total{controller=\"sparkapplication\",result=\"requeue_after\"} 0.0",
                "controller_runtime_reconcile_errors_total{controller=\"sparkapplication\"} 1.0",
                "controller_runtime_reconcile_time_seconds_count{controller=\"sparkapplication\"} 2",
                "controller_runtime_reconcile_time_seconds_bucket{controller=\"sparkapplication\",le=\"0.01\"} 1",
                "workqueue_depth{controller=\"sparkapplication\",name=\"sparkapplication\"} 3.0",
                "spark_operator_submit_processes_running 2.0",
                "spark_operator_submit_duration_seconds_bucket{result=\"success\",le=\"5.0\"} 1",
                "spark_operator_submit_duration_seconds_count{result=\"timeout\"} 0",
                "spark_operator_status_update_conflicts_total{controller=\"sparkapplication\"} 1.0",
                "jvm_memory_used_bytes{area=\"heap\"}", "jvm_threads_current ", "jvm_gc_collection_seconds_count{gc=",
                "process_cpu_seconds_total ", "process_resident_memory_bytes ", "process_open_fds ")) {
            assertTrue(body.contains("\n" + line), "missing '" + line + "' in scrape:\n" + body);
        }
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void leadershipReadinessAndSubmitCapacityAreReadAtEachScrape() {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        String before = metrics.scrapeText();
        assertTrue(before.contains("\nspark_operator_ready 0.0\n"), before);
        assertFalse(before.contains("leader_election_master_status"), "no Lease known yet: no series");
        assertFalse(before.contains("spark_operator_submit_processes_max"), before);
        AtomicBoolean leading = new AtomicBoolean(false);
        metrics.controller().trackLeadership("spark-operator-lock", leading::get);
        metrics.controller().trackReadiness(ready::get);
        metrics.controller().trackSubmitProcesses(() -> 3, 2);
        String standby = metrics.scrapeText();
        assertTrue(standby.contains("\nleader_election_master_status{name=\"spark-operator-lock\"} 0.0\n"), standby);
        assertTrue(standby.contains("\nspark_operator_submit_processes_running 3.0\n"), "one waits for a slot");
        assertTrue(standby.contains("\nspark_operator_submit_processes_max 2.0\n"), standby);
        leading.set(true);
        ready.set(true);
        String leader = metrics.scrapeText();
        assertTrue(leader.contains("\nleader_election_master_status{name=\"spark-operator-lock\"} 1.0\n"), leader);
        assertTrue(leader.contains("\nspark_operator_ready 1.0\n"), leader);
    }

    @Test
    void openMetricsNegotiationKeepsTheGoSeriesNames() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        metrics.controller().register("sparkapplication", () -> 0);
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), ready::get);
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoints.metricsPort() + "/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        String body = scrape.body();
        assertTrue(body.contains("\n# TYPE spark_application_count unknown\n"), body);
        assertTrue(body.contains("\nspark_application_count 0.0\n"), body);
        assertTrue(body.contains("\ncontroller_runtime_reconcile_total{controller=\"sparkapplication\",result=\"success\"} 0.0\n"), body);
        assertTrue(body.endsWith("# EOF\n"));
    }

    @Test
    void healthAndReadinessFollowTheSupplier() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), ready::get);
        assertEquals(200, get(endpoints.healthPort(), "/healthz").statusCode());
        assertEquals(503, get(endpoints.healthPort(), "/readyz").statusCode());
        ready.set(true);
        HttpResponse<String> readyz = get(endpoints.healthPort(), "/readyz");
        assertEquals(200, readyz.statusCode());
        assertEquals("ok\n", readyz.body());
        assertEquals(404, get(endpoints.healthPort(), "/metrics").statusCode());
    }

    @Test
    void readinessSaysWhyItIsNotReady() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(
                "cannot watch SparkApplications in all namespaces since 2026-12-02T09:00:00Z: connection refused",
                "the informer caches have not synced yet"));
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), () -> List.copyOf(reasons));
        HttpResponse<String> readyz = get(endpoints.healthPort(), "/readyz");
        assertEquals(503, readyz.statusCode());
        assertEquals("not ready: cannot watch SparkApplications in all namespaces since 2026-12-02T09:00:00Z: "
                + "connection refused\n  the informer caches have not synced yet\n", readyz.body());
        reasons.clear();
        assertEquals(200, get(endpoints.healthPort(), "/readyz").statusCode());
    }

    @Test
    void metricsOffStillServesHealth() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        endpoints = OperatorEndpoints.start(new EndpointSettings(false, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), () -> true);
        assertEquals(-1, endpoints.metricsPort());
        assertEquals(200, get(endpoints.healthPort(), "/readyz").statusCode());
    }

    @Test
    void oneSharedPortServesMetricsAndProbes() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", port, "/metrics", port),
                metrics.registry(), ready::get);
        assertTrue(get(port, "/metrics").body().contains("spark_application_count 0.0"));
        assertEquals(200, get(port, "/healthz").statusCode());
        assertEquals(503, get(port, "/readyz").statusCode());
    }

    @Test
    void aPortInUseFailsWithAClearError() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
            IOException error = assertThrows(IOException.class, () -> OperatorEndpoints.start(
                    new EndpointSettings(false, "127.0.0.1", 0, "/metrics", socket.getLocalPort()),
                    metrics.registry(), () -> true));
            assertTrue(error.getMessage().contains("cannot listen for health probes on 127.0.0.1:"
                    + socket.getLocalPort() + " (--health-probe-bind-address)"), error.getMessage());
            IOException metricsError = assertThrows(IOException.class, () -> OperatorEndpoints.start(
                    new EndpointSettings(true, "127.0.0.1", socket.getLocalPort(), "/metrics", 0),
                    metrics.registry(), () -> true));
            assertTrue(metricsError.getMessage().startsWith("cannot listen for metrics on 127.0.0.1:"
                    + socket.getLocalPort() + " (--metrics-bind-address): "), metricsError.getMessage());
        }
    }

    @Test
    void stopReleasesThePorts() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(MetricsSettings.defaults(), () -> cache, () -> pods);
        endpoints = OperatorEndpoints.start(new EndpointSettings(true, "127.0.0.1", 0, "/metrics", 0),
                metrics.registry(), () -> true);
        int port = endpoints.metricsPort();
        endpoints.stop();
        endpoints = null;
        assertThrows(IOException.class, () -> get(port, "/metrics"));
    }
}
