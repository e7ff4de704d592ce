package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.runtime.InformerGroup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While the API server cannot serve a watched resource (restarted, CRD deleted, RBAC revoked), the operator says so
 * once per outage in its log, names the resource, scope and cause in what {@code /readyz} reports, and says when the
 * watch is back; fabric8's own per-retry warnings stay quiet.
 */
class WatchOutageTest {
    private final FaultyApiServer server = new FaultyApiServer();
    private final CapturedLogs logs = new CapturedLogs();
    private InformerGroup<Pod> pods;

    @AfterEach
    void tearDown() {
        if (pods != null) {
            pods.stop();
        }
        logs.close();
        server.close();
    }

    @Test
    void anOutageIsLoggedOnceExplainedWhileItLastsAndItsEndIsSaid() throws Exception {
        KubernetesClient client = server.newClient(Duration.ofSeconds(2), 1);
        pods = new InformerGroup<>("Spark pods", List.of("default"),
                ns -> client.pods().inNamespace(ns).runnableInformer(0));
        pods.startAndSync(Duration.ofSeconds(10));
        assertEquals(List.of(), pods.problems());

        // Drop the watch only once it is open: dropped before, it would open afterwards and never fail.
        Await.until(Duration.ofSeconds(30), () -> server.openWatches() > 0, () -> "no watch opened");
        FaultyApiServer.Fault outage = server.inject("API server away", c -> c.collection().endsWith("/pods"), 503,
                Integer.MAX_VALUE);
        server.dropWatches();
        Await.until(Duration.ofSeconds(30), () -> outage.hits() >= 3 && !pods.problems().isEmpty(),
                () -> "hits " + outage.hits() + ", problems " + pods.problems());
        String problem = pods.problems().get(0);
        assertTrue(problem.startsWith("cannot watch Spark pods in namespace default since "), problem);
        assertTrue(problem.contains("injected API server away"), "the server's own message: " + problem);
        assertEquals(1, warnings().size(), "one warning per outage, not per retry: " + warnings());

        outage.left.set(0);
        Await.until(Duration.ofSeconds(60), () -> pods.problems().isEmpty(), () -> "still " + pods.problems());
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("watching Spark pods in namespace default again "
                + "after")), "recovery is said: " + logs.lines());
        assertEquals(1, warnings().size(), warnings().toString());
    }

    private List<String> warnings() {
        return logs.lines().stream().filter(l -> l.contains("WARNING") && l.contains("Spark pods")).toList();
    }
}
