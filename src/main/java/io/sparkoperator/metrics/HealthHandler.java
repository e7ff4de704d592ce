package io.sparkoperator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Kubernetes probes: {@code /healthz} answers 200 while the process serves requests; {@code /readyz} answers 200
 * only while the readiness check holds (caches synced and watching and, with leader election, leading), else 503
 * with the reasons, one per line.
 */
final class HealthHandler implements HttpHandler {
    static final String LIVENESS_PATH = "/healthz";
    static final String READINESS_PATH = "/readyz";

    private final Readiness readiness;

    HealthHandler(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (LIVENESS_PATH.equals(path)) {
                respond(exchange, 200, "ok\n");
            } else if (READINESS_PATH.equals(path)) {
                List<String> reasons = notReadyReasons();
                if (reasons.isEmpty()) {
                    respond(exchange, 200, "ok\n" + details());
                } else {
                    respond(exchange, 503, "not ready: " + String.join("\n  ", reasons) + "\n");
                }
            } else {
                respond(exchange, 404, "not found\n");
            }
        }
    }

    private List<String> notReadyReasons() {
        try {
            return readiness.notReadyReasons();
        } catch (RuntimeException e) {
            return List.of("the readiness check failed: " + e);
        }
    }

    private String details() {
        try {
            return readiness.details().stream().map(line -> line + "\n").reduce("", String::concat);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
