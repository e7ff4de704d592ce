package io.sparkoperator.metrics;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The operator's HTTP endpoints: {@code /metrics} through the Prometheus exporter's server and the health probes
 * through the JDK's server (or through the exporter's default handler when both share one port).
 */
public final class OperatorEndpoints implements AutoCloseable {
    private final HTTPServer metricsServer;
    private final HttpServer healthServer;
    private final ExecutorService healthExecutor;

    private OperatorEndpoints(HTTPServer metricsServer, HttpServer healthServer, ExecutorService healthExecutor) {
        this.metricsServer = metricsServer;
        this.healthServer = healthServer;
        this.healthExecutor = healthExecutor;
    }

    /** As {@link #start(EndpointSettings, PrometheusRegistry, Readiness)}, with no reason given when not ready. */
    public static OperatorEndpoints start(EndpointSettings settings, PrometheusRegistry registry,
            BooleanSupplier ready) throws IOException {
        return start(settings, registry, () -> ready.getAsBoolean() ? List.of() : List.of("not ready"));
    }

    /** Binds and starts; a port in use fails here with a clear {@link IOException} naming the address and flag. */
    public static OperatorEndpoints start(EndpointSettings settings, PrometheusRegistry registry,
            Readiness readiness) throws IOException {
        HealthHandler health = new HealthHandler(readiness);
        HTTPServer metrics = null;
        if (settings.metricsEnabled()) {
            HTTPServer.Builder builder = HTTPServer.builder().hostname(settings.bindHost())
                    .port(settings.metricsPort()).registry(registry).metricsHandlerPath(settings.metricsPath());
            if (settings.sharedPort()) {
                builder.defaultHandler(health);
            }
            try {
                metrics = builder.buildAndStart();
            } catch (IOException e) {
                throw new IOException("cannot listen for metrics on " + settings.bindHost() + ":"
                        + settings.metricsPort() + " (--metrics-bind-address"
                        + (settings.sharedPort() ? ", also --health-probe-bind-address" : "") + "): " + e.getMessage(), e);
            }
        }
        if (settings.sharedPort()) {
            return new OperatorEndpoints(metrics, null, null);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindHost(), settings.healthPort()), 16);
        } catch (IOException e) {
            if (metrics != null) {
                metrics.stop();
            }
            throw new IOException("cannot listen for health probes on " + settings.bindHost() + ":"
                    + settings.healthPort() + " (--health-probe-bind-address): " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(HealthHandler.LIVENESS_PATH, health);
        server.createContext(HealthHandler.READINESS_PATH, health);
        server.start();
        return new OperatorEndpoints(metrics, server, executor);
    }

    /** The bound metrics port (useful with port 0); -1 when metrics are off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.getPort();
    }

    /** The bound health port. */
    public int healthPort() {
        return healthServer == null ? metricsPort() : healthServer.getAddress().getPort();
    }

    /** Stops both servers; idempotent. */
    public void stop() {
        if (metricsServer != null) {
            metricsServer.stop();
        }
        if (healthServer != null) {
            healthServer.stop(0);
            healthExecutor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
