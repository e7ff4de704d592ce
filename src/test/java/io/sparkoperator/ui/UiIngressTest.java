package io.sparkoperator.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.sparkoperator.api.SparkApplication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UiIngressTest {
    private static UiIngress.Desired build(SparkApplication app, IngressOptions options) {
        return UiIngress.build(app, UiService.build(app), options);
    }

    @Test
    void hostOnlyFormatRoutesEverythingToTheUiService() {
        SparkApplication app = UiServiceTest.app("pi", "");
        UiIngress.Desired desired = build(app, new IngressOptions("{{$appName}}.{{ $appNamespace }}.example.com",
                "nginx", Map.of("x", "y"), List.of()));
        assertEquals("http://pi.team.example.com", desired.address());
        Ingress ingress = desired.ingress();
        assertEquals("pi-ui-ingress", ingress.getMetadata().getName());
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(Map.of("x", "y"), ingress.getMetadata().getAnnotations());
        IngressRule rule = ingress.getSpec().getRules().get(0);
        assertEquals("pi.team.example.com", rule.getHost());
        var path = rule.getHttp().getPaths().get(0);
        assertEquals("/", path.getPath());
        assertEquals("ImplementationSpecific", path.getPathType());
        assertEquals("pi-ui-svc", path.getBackend().getService().getName());
        assertEquals(4040, path.getBackend().getService().getPort().getNumber());
        assertEquals("SparkApplication", ingress.getMetadata().getOwnerReferences().get(0).getKind());
        assertNull(ingress.getSpec().getTls());
    }

    @Test
    void aPathFormatGetsARewriteAndAppSettingsBeatOperatorDefaults() {
        SparkApplication app = UiServiceTest.app("pi", """
                  sparkUIOptions:
                    ingressAnnotations: {own: "1"}
                    ingressTLS: [{hosts: [ingress.example.com], secretName: own-tls}]
                """);
        app.setStatus(app.getStatus().withSparkApplicationId("spark-123"));
        UiIngress.Desired desired = build(app, new IngressOptions("https://ingress.example.com/{{$appNamespace}}/{{$appId}}",
                "", Map.of("default", "1"), List.of(new IngressTLSBuilder().withSecretName("default-tls").build())));
        assertEquals("https://ingress.example.com/team/spark-123", desired.address());
        Ingress ingress = desired.ingress();
        assertEquals("/team/spark-123(/|$)(.*)", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath());
        assertEquals(Map.of("own", "1", "nginx.ingress.kubernetes.io/rewrite-target", "/$2"),
                ingress.getMetadata().getAnnotations());
        assertEquals("own-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertNull(ingress.getSpec().getIngressClassName());
    }

    @Test
    void operatorTlsIsTheDefault() {
        Ingress ingress = build(UiServiceTest.app("pi", ""), new IngressOptions("ui.example.com/{{$appName}}", "",
                Map.of(), List.of(new IngressTLSBuilder().withSecretName("default-tls").build()))).ingress();
        assertEquals("default-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(Map.of("nginx.ingress.kubernetes.io/rewrite-target", "/$2"),
                ingress.getMetadata().getAnnotations());
    }

    @Test
    void aFormatWithoutHostIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> build(UiServiceTest.app("pi", ""),
                new IngressOptions("/{{$appName}}", "", Map.of(), List.of())));
    }
}
