package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;

/** One {@code spec.driverIngressOptions[]} entry: an extra Service (and Ingress) for a driver port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriverIngressConfiguration(Integer servicePort, String servicePortName, String serviceType, Map<String, String> serviceAnnotations,
        Map<String, String> serviceLabels, String ingressURLFormat, Map<String, String> ingressAnnotations,
        List<IngressTLS> ingressTLS) {
}
