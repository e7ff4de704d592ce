package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.monitoring}: Spark metrics exposure; active only when {@code prometheus} is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitoringSpec(Boolean exposeDriverMetrics, Boolean exposeExecutorMetrics, String metricsProperties,
        String metricsPropertiesFile, PrometheusSpec prometheus) {
}
