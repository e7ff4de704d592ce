package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.monitoring.prometheus}: the JMX exporter javaagent and its configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrometheusSpec(String jmxExporterJar, Integer port, String portName, String configFile, String configuration) {
}
