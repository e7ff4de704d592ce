package io.sparkoperator.submit;

import io.sparkoperator.api.MonitoringSpec;
import io.sparkoperator.api.PrometheusSpec;
import io.sparkoperator.api.SparkApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code spec.monitoring.prometheus} means for one submission (as in the Go operator): the JMX exporter
 * javaagent, the metrics confs, the scrape annotations, and the {@code <app>-prom-conf} ConfigMap the pods mount.
 * The ConfigMap itself is created by the metrics package; this only refers to it by name.
 */
record PrometheusMonitoring(String appName, String namespace, MonitoringSpec monitoring) {
    static final String CONF_DIR = "/etc/metrics/conf";
    static final int DEFAULT_PORT = 8090;
    static final String DEFAULT_PORT_NAME = "jmx-exporter";

    /** Present only when {@code spec.monitoring.prometheus} is set: only then is monitoring active. */
    static Optional<PrometheusMonitoring> of(SparkApplication app) {
        MonitoringSpec m = app.getSpec().monitoring();
        if (m == null || m.prometheus() == null) {
            return Optional.empty();
        }
        return Optional.of(new PrometheusMonitoring(app.getMetadata().getName(), app.getMetadata().getNamespace(), m));
    }

    /** The name the metrics package gives the ConfigMap with {@code metrics.properties} / {@code prometheus.yaml}. */
    static String configMapName(String appName) {
        return appName + "-prom-conf";
    }

    String configMapName() {
        return configMapName(appName);
    }

    private PrometheusSpec prometheus() {
        return monitoring.prometheus();
    }

    int port() {
        return prometheus().port() != null ? prometheus().port() : DEFAULT_PORT;
    }

    String portName() {
        return prometheus().portName() != null && !prometheus().portName().isBlank()
                ? prometheus().portName() : DEFAULT_PORT_NAME;
    }

    boolean exposes(PodRole role) {
        return Boolean.TRUE.equals(role == PodRole.DRIVER
                ? monitoring.exposeDriverMetrics() : monitoring.exposeExecutorMetrics());
    }

    /** {@code -javaagent:<jar>=<port>:<config>}; the config file is in the image or in the mounted ConfigMap. */
    String javaAgent() {
        String config = isSet(prometheus().configFile()) ? prometheus().configFile() : CONF_DIR + "/prometheus.yaml";
        return "-javaagent:" + prometheus().jmxExporterJar() + "=" + port() + ":" + config;
    }

    String metricsConfFile() {
        return isSet(monitoring.metricsPropertiesFile()) ? monitoring.metricsPropertiesFile()
                : CONF_DIR + "/metrics.properties";
    }

    String metricsNamespace() {
        return namespace + "." + appName;
    }

    /**
     * No ConfigMap (and so no volume) when both files come from the image. A blank path counts as unset, as in
     * {@link #javaAgent()} and the metrics package's {@code PrometheusConfigMap.isNeeded}, so an agent pointed at the
     * ConfigMap always has it mounted.
     */
    boolean mountsConfigMap() {
        return !(isSet(monitoring.metricsPropertiesFile()) && isSet(prometheus().configFile()));
    }

    private static boolean isSet(String path) {
        return path != null && !path.isBlank();
    }

    /** The pod annotations Prometheus' Kubernetes service discovery looks for. */
    Map<String, String> scrapeAnnotations() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("prometheus.io/scrape", "true");
        a.put("prometheus.io/port", Integer.toString(port()));
        a.put("prometheus.io/path", "/metrics");
        return a;
    }
}
