package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** {@code SparkConnect.spec.executor}: what the server asks Spark for when it creates executor pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectExecutorSpec(Integer cores, String memory, PodTemplateSpec template, Integer instances) {
}
