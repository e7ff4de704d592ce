package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** {@code spec.batchSchedulerOptions}: queue, priority class and resources for a batch scheduler. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchSchedulerConfiguration(String queue, String priorityClassName, Map<String, Quantity> resources) {
}
