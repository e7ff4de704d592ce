package io.sparkoperator.metrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sparkoperator.api.SparkApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Everything the operator exports on {@code /metrics}, in its own registry: Spark application and executor metrics
 * (Go-compatible), applications per state, controller metrics, JVM and process metrics. The suppliers read the
 * informer caches.
 */
public final class OperatorMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ApplicationMetrics applications;
    private final ExecutorMetrics executors;
    private final ControllerMetrics controller = new ControllerMetrics();

    public OperatorMetrics(MetricsSettings settings, Supplier<? extends Collection<SparkApplication>> cachedApps,
            Supplier<? extends Collection<Pod>> cachedExecutorPods) {
        this(settings, cachedApps, cachedExecutorPods, Clock.systemUTC());
    }

    /** @param clock what "now" is for the ages of {@link ApplicationStates} */
    public OperatorMetrics(MetricsSettings settings, Supplier<? extends Collection<SparkApplication>> cachedApps,
            Supplier<? extends Collection<Pod>> cachedExecutorPods, Clock clock) {
        applications = new ApplicationMetrics(settings, cachedApps);
        executors = new ExecutorMetrics(settings, cachedExecutorPods);
        registry.register(applications);
        registry.register(executors);
        registry.register(new ApplicationStates(cachedApps, clock));
        registry.register(controller);
        registry.register(new JvmMetrics());
        registry.register(new ProcessMetrics());
    }

    public ApplicationMetrics applications() {
        return applications;
    }

    public ExecutorMetrics executors() {
        return executors;
    }

    public ControllerMetrics controller() {
        return controller;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (format 0.0.4), exactly what a scrape without OpenMetrics gets. */
    public String scrapeText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
