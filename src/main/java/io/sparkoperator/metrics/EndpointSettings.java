package io.sparkoperator.metrics;

/**
 * Where the operator listens. Go defaults: metrics on {@code :8080/metrics} (off unless {@code --enable-metrics}),
 * health probes on {@code :8081} ({@code /healthz}, {@code /readyz}). Port 0 picks a free port (tests). When both
 * ports are equal and non-zero, one server answers both.
 */
public record EndpointSettings(boolean metricsEnabled, String bindHost, int metricsPort, String metricsPath,
        int healthPort) {
    public static final int DEFAULT_METRICS_PORT = 8080;
    public static final int DEFAULT_HEALTH_PORT = 8081;
    public static final String DEFAULT_METRICS_PATH = "/metrics";

    public EndpointSettings {
        bindHost = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost;
        metricsPath = metricsPath == null || metricsPath.isBlank() ? DEFAULT_METRICS_PATH : metricsPath;
        if (!metricsPath.startsWith("/")) {
            metricsPath = "/" + metricsPath;
        }
        checkPort(metricsPort);
        checkPort(healthPort);
        if (metricsEnabled && (HealthHandler.LIVENESS_PATH.equals(metricsPath)
                || HealthHandler.READINESS_PATH.equals(metricsPath))) {
            throw new IllegalArgumentException("metrics path " + metricsPath + " collides with a health path");
        }
    }

    public static EndpointSettings defaults() {
        return new EndpointSettings(true, "0.0.0.0", DEFAULT_METRICS_PORT, DEFAULT_METRICS_PATH, DEFAULT_HEALTH_PORT);
    }

    boolean sharedPort() {
        return metricsEnabled && metricsPort != 0 && metricsPort == healthPort;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }
}
