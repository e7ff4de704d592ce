package io.sparkoperator.ui;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkUIConfiguration;
import io.sparkoperator.submit.UiIngressPath;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <app>-ui-ingress} Ingress for the Spark UI (as in the Go operator), as a pure function of the app, its
 * UI Service and the operator's {@link IngressOptions}. Only made when {@code --ingress-url-format} is set.
 */
public final class UiIngress {
    static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";

    private UiIngress() {
    }

    /** The Ingress and the address recorded as {@code status.driverInfo.webUIIngressAddress}. */
    public record Desired(Ingress ingress, String address) {
    }

    /** @throws IllegalArgumentException when the URL format does not give a URL with a host */
    public static Desired build(SparkApplication app, Service uiService, IngressOptions options) {
        String appName = app.getMetadata().getName();
        String appId = app.getStatus() == null ? null : app.getStatus().sparkApplicationId();
        String address = UiIngressPath.url(options.urlFormat(), appName, app.getMetadata().getNamespace(), appId);
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--ingress-url-format gives an invalid URL '" + address + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--ingress-url-format gives a URL without host: '" + address + "'");
        }
        SparkUIConfiguration ui = app.getSpec().sparkUIOptions();
        Map<String, String> annotations = new LinkedHashMap<>(ui != null && ui.ingressAnnotations() != null
                && !ui.ingressAnnotations().isEmpty() ? ui.ingressAnnotations() : options.annotations());
        List<IngressTLS> tls = ui != null && ui.ingressTLS() != null && !ui.ingressTLS().isEmpty() ? ui.ingressTLS()
                : options.tls();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.isEmpty() || path.equals("/")) {
            path = "/";
        } else {
            path = path.replaceAll("/+$", "") + "(/|$)(.*)";
            annotations.put(REWRITE_TARGET, "/$2");
        }
        var port = uiService.getSpec().getPorts().get(0).getPort();
        Ingress ingress = new IngressBuilder()
                .withNewMetadata().withName(UiNames.ingress(appName)).withNamespace(app.getMetadata().getNamespace())
                .withLabels(UiService.labels(app, null)).withAnnotations(annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(OwnerReferences.controllerOf(app)).endMetadata()
                .withNewSpec().withIngressClassName(options.className().isEmpty() ? null : options.className())
                .addNewRule().withHost(uri.getHost()).withNewHttp().addNewPath().withPath(path)
                .withPathType("ImplementationSpecific").withNewBackend().withNewService()
                .withName(uiService.getMetadata().getName()).withNewPort().withNumber(port).endPort().endService()
                .endBackend().endPath().endHttp().endRule()
                .withTls(tls.isEmpty() ? null : tls)
                .endSpec().build();
        return new Desired(ingress, address);
    }
}
