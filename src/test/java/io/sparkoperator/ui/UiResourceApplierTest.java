package io.sparkoperator.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.MockCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UiResourceApplierTest {
    private final MockCluster cluster = new MockCluster();
    private final UiResourceApplier applier = new UiResourceApplier(cluster.client);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void createsThenLeavesAloneThenUpdatesKeepingServerOwnedFields() {
        SparkApplication app = UiServiceTest.app("pi", "");
        Service created = applier.apply(UiService.build(app));
        assertEquals("pi-ui-svc", created.getMetadata().getName());
        // Stand in for the API server allocating a cluster IP.
        created.getSpec().setClusterIP("10.0.0.7");
        cluster.client.services().inNamespace("team").resource(created).update();
        String version = cluster.client.services().inNamespace("team").withName("pi-ui-svc").get().getMetadata()
                .getResourceVersion();

        Service same = applier.apply(UiService.build(app));
        assertEquals(version, same.getMetadata().getResourceVersion(), "no write when nothing changed");

        SparkApplication rerun = UiServiceTest.app("pi", "  sparkUIOptions: {servicePort: 8080}\n");
        rerun.setStatus(rerun.getStatus().withSubmissionID("sub-2"));
        Service updated = applier.apply(UiService.build(rerun));
        assertEquals(8080, updated.getSpec().getPorts().get(0).getPort());
        assertEquals("sub-2", updated.getMetadata().getLabels().get("sparkoperator.k8s.io/submission-id"));
        assertEquals("10.0.0.7", cluster.client.services().inNamespace("team").withName("pi-ui-svc").get()
                .getSpec().getClusterIP());
    }

    @Test
    void ingressIsCreatedUpdatedAndBothAreDeleted() {
        SparkApplication app = UiServiceTest.app("pi", "");
        Service service = applier.apply(UiService.build(app));
        IngressOptions options = new IngressOptions("{{$appName}}.example.com", "", Map.of(), List.of());
        Ingress created = applier.apply(UiIngress.build(app, service, options).ingress());
        assertEquals("pi.example.com", created.getSpec().getRules().get(0).getHost());
        Ingress moved = applier.apply(UiIngress.build(app, service,
                new IngressOptions("{{$appName}}.other.example.com", "", Map.of(), List.of())).ingress());
        assertEquals("pi.other.example.com", moved.getSpec().getRules().get(0).getHost());

        assertTrue(applier.delete("team", "pi", true));
        assertNull(cluster.client.services().inNamespace("team").withName("pi-ui-svc").get());
        assertNull(cluster.client.network().v1().ingresses().inNamespace("team").withName("pi-ui-ingress").get());
        assertFalse(applier.delete("team", "pi", true));
    }

    @Test
    void withIngressesOffOnlyTheServiceIsDeleted() {
        SparkApplication app = UiServiceTest.app("pi", "");
        Service service = applier.apply(UiService.build(app));
        applier.apply(UiIngress.build(app, service,
                new IngressOptions("{{$appName}}.example.com", "", Map.of(), List.of())).ingress());
        assertTrue(applier.delete("team", "pi", false));
        assertNull(cluster.client.services().inNamespace("team").withName("pi-ui-svc").get());
        assertNotNull(cluster.client.network().v1().ingresses().inNamespace("team").withName("pi-ui-ingress").get(),
                "an Ingress the operator does not manage is left alone");
    }
}
