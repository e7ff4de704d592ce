package io.sparkoperator.submit;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UI ingress URL ({@code --ingress-url-format}, e.g. {@code example.com/{{$appNamespace}}/{{$appName}}}), filled
 * in one place for the Ingress the controller makes and for spark-submit: when the UI sits behind a path, Spark must
 * know it ({@code spark.ui.proxyBase}) or its links break.
 */
public final class UiIngressPath {
    private UiIngressPath() {
    }

    /**
     * Fills {@code {{$appName}}}, {@code {{$appNamespace}}} and {@code {{$appId}}} (spaces inside the braces allowed;
     * a {@code null} app ID, unknown before submission, as empty); adds {@code http://} if there is no scheme.
     */
    public static String url(String format, String appName, String namespace, String appId) {
        String url = fill(format, "appName", appName);
        url = fill(url, "appNamespace", namespace);
        url = fill(url, "appId", appId == null ? "" : appId);
        return url.contains("://") ? url : "http://" + url;
    }

    private static String fill(String text, String variable, String value) {
        Pattern placeholder = Pattern.compile("\\{\\{\\s*\\$" + variable + "\\s*}}");
        return placeholder.matcher(text).replaceAll(Matcher.quoteReplacement(value));
    }

    /** The non-root path of the formatted URL, without a trailing slash; empty when there is none. */
    static Optional<String> of(String format, String appName, String namespace) {
        if (format == null || format.isBlank()) {
            return Optional.empty();
        }
        String url = url(format, appName, namespace, null);
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
