package io.sparkoperator.sparkconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.DelayScheduler;
import io.sparkoperator.runtime.ReconcileObserver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster upgraded with only the two v1beta2 CRDs: the API server answers 404 for SparkConnects. The SparkConnect
 * controller then stays idle and ready, so the rest of the operator runs as before.
 */
class MissingCrdTest {
    @Test
    void withoutTheCrdTheControllerIsIdleAndDoesNotBlockReadiness() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            server.expect().get().withPath("/apis/sparkoperator.k8s.io/v1alpha1/sparkconnects?limit=1")
                    .andReturn(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"reason\":\"NotFound\",\"code\":404}").always();
            SparkConnectController controller = new SparkConnectController(client,
                    new SparkConnectController.Settings(List.of(), Duration.ofSeconds(5), Backoff.defaults(),
                            DelayScheduler::system, Duration.ofMinutes(1), 1),
                    caches -> key -> {
                        throw new AssertionError("nothing is reconciled without the CRD");
                    }, ReconcileObserver.none());
            controller.start();
            assertEquals(List.of(), controller.notReadyReasons());
            assertEquals(0, controller.queuedKeys());
            assertTrue(controller.stop(Duration.ofSeconds(1), false));
        } finally {
            server.destroy();
        }
    }
}
