package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;

/** {@code spec.sparkUIOptions}: how the Spark UI Service and Ingress look. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SparkUIConfiguration(Integer servicePort, String servicePortName, String serviceType, Map<String, String> serviceAnnotations,
        Map<String, String> serviceLabels, Map<String, String> ingressAnnotations, List<IngressTLS> ingressTLS) {
}
