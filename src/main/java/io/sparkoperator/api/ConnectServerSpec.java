package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * {@code SparkConnect.spec.server}: the server pod (the Spark driver). {@code template} is the pod it starts from;
 * {@code service}, when given, replaces the default Service (its name and spec; the namespace is always the
 * SparkConnect's). It is read as a generic object so that a manifest round-trips unchanged (a typed Service would
 * gain {@code apiVersion} and {@code kind}); {@code ServerService} reads it as a Service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectServerSpec(Integer cores, String memory, PodTemplateSpec template,
        GenericKubernetesResource service) {
}
