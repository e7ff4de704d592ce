package io.sparkoperator.metrics;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.MonitoringSpec;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.PrometheusSpec;
import io.sparkoperator.api.SparkApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code <app>-prom-conf} ConfigMap that Spark pods mount at {@code /etc/metrics/conf} when
 * {@code spec.monitoring.prometheus} is set, as in the Go operator: {@code metrics.properties} unless
 * {@code metricsPropertiesFile} points into the image, {@code prometheus.yaml} unless {@code prometheus.configFile}
 * does; the spec's contents, else the operator defaults. None at all when both files are in the image. Pure: the
 * controller creates or updates what this returns.
 */
public final class PrometheusConfigMap {
    public static final String NAME_SUFFIX = "-prom-conf";
    public static final String METRICS_PROPERTIES_KEY = "metrics.properties";
    public static final String PROMETHEUS_CONFIG_KEY = "prometheus.yaml";
    public static final String DEFAULT_METRICS_PROPERTIES = resource("default-metrics.properties");
    public static final String DEFAULT_PROMETHEUS_CONFIG = resource("default-prometheus.yaml");

    private PrometheusConfigMap() {
    }

    public static String name(String appName) {
        return appName + NAME_SUFFIX;
    }

    /** True when monitoring is active and at least one of the two files must come from the ConfigMap. */
    public static boolean isNeeded(SparkApplication app) {
        MonitoringSpec monitoring = app.getSpec() == null ? null : app.getSpec().monitoring();
        if (monitoring == null || monitoring.prometheus() == null) {
            return false;
        }
        return !isSet(monitoring.metricsPropertiesFile()) || !isSet(monitoring.prometheus().configFile());
    }

    /** The ConfigMap to create or update, or empty when none is needed. */
    public static Optional<ConfigMap> build(SparkApplication app) {
        if (!isNeeded(app)) {
            return Optional.empty();
        }
        MonitoringSpec monitoring = app.getSpec().monitoring();
        PrometheusSpec prometheus = monitoring.prometheus();
        Map<String, String> data = new LinkedHashMap<>();
        if (!isSet(monitoring.metricsPropertiesFile())) {
            data.put(METRICS_PROPERTIES_KEY, monitoring.metricsProperties() != null
                    ? monitoring.metricsProperties() : DEFAULT_METRICS_PROPERTIES);
        }
        if (!isSet(prometheus.configFile())) {
            data.put(PROMETHEUS_CONFIG_KEY, prometheus.configuration() != null
                    ? prometheus.configuration() : DEFAULT_PROMETHEUS_CONFIG);
        }
        String appName = app.getMetadata().getName();
        return Optional.of(new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(appName))
                .withNamespace(app.getMetadata().getNamespace())
                .addToLabels(Labels.CREATED_BY_SPARK_OPERATOR, "true")
                .addToLabels(Labels.APP_NAME, appName)
                .addToOwnerReferences(OwnerReferences.to(ApiGroup.API_VERSION, ApiGroup.SPARK_APPLICATION,
                        app.getMetadata(), true, false))
                .endMetadata()
                .withData(data)
                .build());
    }

    private static boolean isSet(String path) {
        return path != null && !path.isBlank();
    }

    private static String resource(String name) {
        try (InputStream in = PrometheusConfigMap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
