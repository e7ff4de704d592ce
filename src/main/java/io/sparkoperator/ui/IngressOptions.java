package io.sparkoperator.ui;

import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;

/**
 * Operator-wide Spark UI Ingress settings ({@code --ingress-*} flags). No Ingress is made while {@code urlFormat}
 * is empty; {@code annotations} and {@code tls} are the defaults an app's {@code sparkUIOptions} may override.
 */
public record IngressOptions(String urlFormat, String className, Map<String, String> annotations,
        List<IngressTLS> tls) {
    public IngressOptions {
        urlFormat = urlFormat == null ? "" : urlFormat;
        className = className == null ? "" : className;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        tls = tls == null ? List.of() : List.copyOf(tls);
    }

    public static IngressOptions none() {
        return new IngressOptions("", "", Map.of(), List.of());
    }

    public boolean enabled() {
        return !urlFormat.isBlank();
    }

    /** The URL holds {@code {{$appId}}}, which is known only once the driver runs. */
    public boolean usesAppId() {
        return urlFormat.matches("(?s).*\\{\\{\\s*\\$appId\\s*}}.*");
    }
}
