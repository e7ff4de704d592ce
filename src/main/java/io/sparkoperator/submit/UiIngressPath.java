package io.sparkoperator.submit;

import java.net.URI;
import java.util.Optional;

/**
 * The path part of the UI ingress URL ({@code --ingress-url-format}, e.g. {@code example.com/{{$appNamespace}}/{{$appName}}}).
 * When the UI sits behind a path, Spark must know it ({@code spark.ui.proxyBase}) or its links break.
 */
final class UiIngressPath {
    private UiIngressPath() {
    }

    static String url(String format, String appName, String namespace) {
        return format.replace("{{$appName}}", appName).replace("{{$appNamespace}}", namespace);
    }

    /** The non-root path of the formatted URL, without a trailing slash; empty when there is none. */
    static Optional<String> of(String format, String appName, String namespace) {
        if (format == null || format.isBlank()) {
            return Optional.empty();
        }
        String url = url(format, appName, namespace);
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }
}
