package io.sparkoperator.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.testing.TestApps;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UiServiceTest {
    static SparkApplication app(String name, String extraSpec) {
        SparkApplication app = ApiJson.parse(TestApps.sparkPi("team", name, extraSpec), SparkApplication.class);
        app.getMetadata().setUid("uid-1");
        app.setStatus(SparkApplicationStatus.initial().withSubmissionID("sub-1")
                .withApplicationState(ApplicationState.of(AppState.SUBMITTED)));
        return app;
    }

    @Test
    void defaultServiceSelectsTheDriverOnPort4040AndIsOwnedByTheApp() {
        Service service = UiService.build(app("pi", ""));
        assertEquals("pi-ui-svc", service.getMetadata().getName());
        assertEquals("team", service.getMetadata().getNamespace());
        assertEquals("ClusterIP", service.getSpec().getType());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals("spark-driver-ui-port", port.getName());
        assertEquals(4040, port.getPort());
        assertEquals(4040, port.getTargetPort().getIntVal());
        assertEquals(Map.of("sparkoperator.k8s.io/app-name", "pi", "spark-role", "driver"),
                service.getSpec().getSelector());
        assertEquals(Map.of("sparkoperator.k8s.io/app-name", "pi", "sparkoperator.k8s.io/submission-id", "sub-1",
                "sparkoperator.k8s.io/created-by-spark-operator", "true"), service.getMetadata().getLabels());
        var owner = service.getMetadata().getOwnerReferences().get(0);
        assertEquals("SparkApplication", owner.getKind());
        assertEquals("uid-1", owner.getUid());
        assertTrue(owner.getController());
        assertNull(service.getMetadata().getAnnotations());
    }

    @Test
    void sparkUiPortIsUsedForBothPortsWithoutUiOptions() {
        Service service = UiService.build(app("pi", "  sparkConf: {spark.ui.port: \"4041\"}\n"));
        assertEquals(4041, service.getSpec().getPorts().get(0).getPort());
        assertEquals(4041, service.getSpec().getPorts().get(0).getTargetPort().getIntVal());
    }

    @Test
    void uiOptionsWithoutServicePortMean4040AndTheirFieldsAreUsed() {
        Service service = UiService.build(app("pi", """
                  sparkConf: {spark.ui.port: "4041"}
                  sparkUIOptions:
                    serviceType: NodePort
                    servicePortName: http
                    serviceAnnotations: {a: b}
                    serviceLabels: {team: data}
                """));
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(4040, port.getPort());
        assertEquals(4041, port.getTargetPort().getIntVal());
        assertEquals("http", port.getName());
        assertEquals("NodePort", service.getSpec().getType());
        assertEquals(Map.of("a", "b"), service.getMetadata().getAnnotations());
        assertEquals(Map.of("team", "data", "sparkoperator.k8s.io/created-by-spark-operator", "true"),
                service.getMetadata().getLabels());
        Service explicit = UiService.build(app("pi", "  sparkUIOptions: {servicePort: 8080}\n"));
        assertEquals(8080, explicit.getSpec().getPorts().get(0).getPort());
    }

    @Test
    void longNamesAreCutWithAHashAsTheGoOperatorDoes() {
        String name = "a".repeat(60);
        String service = UiNames.service(name);
        assertEquals(63, service.length());
        assertTrue(service.startsWith("a".repeat(47) + "-"), service);
        assertTrue(service.endsWith("-ui-svc"), service);
        assertTrue(service.substring(48, 56).matches("[0-9a-f]{8}"), service);
        String ingress = UiNames.ingress(name);
        assertEquals(63, ingress.length());
        assertTrue(ingress.startsWith("a".repeat(43) + "-"), ingress);
        assertEquals("b".repeat(56) + "-ui-svc", UiNames.service("b".repeat(56)));
        // md5("<56 a>...") prefix is stable: the same app always gets the same name.
        assertEquals(service, UiNames.service(name));
    }

    @Test
    void aBadUiPortIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> UiService.build(app("pi", "  sparkConf: {spark.ui.port: \"http\"}\n")));
        assertEquals("sparkConf spark.ui.port=http is not a port number", error.getMessage());
    }
}
