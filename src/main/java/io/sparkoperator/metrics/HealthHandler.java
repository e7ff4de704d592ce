package io.sparkoperator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Kubernetes probes: {@code /healthz} answers 200 while the process serves requests; {@code /readyz} answers 200
 * only while the readiness check holds (caches synced and, with leader election, leading), else 503.
 */
final class HealthHandler implements HttpHandler {
    static final String LIVENESS_PATH = "/healthz";
    static final String READINESS_PATH = "/readyz";

    private final BooleanSupplier ready;

    HealthHandler(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (LIVENESS_PATH.equals(path)) {
                respond(exchange, 200, "ok\n");
            } else if (READINESS_PATH.equals(path)) {
                if (isReady()) {
                    respond(exchange, 200, "ok\n");
                } else {
                    respond(exchange, 503, "not ready\n");
                }
            } else {
                respond(exchange, 404, "not found\n");
            }
        }
    }

    private boolean isReady() {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
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
