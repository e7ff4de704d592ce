package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * One submission's scheduling: the PodGroup to create before spark-submit (Volcano, scheduler-plugins; none for
 * YuniKorn, whose gang is described on the driver pod), and the fields of the driver's and executors' pods.
 */
public record SchedulingPlan(Optional<GenericKubernetesResource> podGroup, PodFields driver, PodFields executor) {
}
