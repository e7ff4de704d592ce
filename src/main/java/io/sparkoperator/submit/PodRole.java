package io.sparkoperator.submit;

import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;

/** Driver or executor: the conf-key prefixes and container name that differ between the two sides. */
enum PodRole {
    DRIVER("driver", Labels.DRIVER_CONTAINER, "spark.kubernetes.driverEnv."),
    EXECUTOR("executor", Labels.EXECUTOR_CONTAINER, "spark.executorEnv.");

    private final String name;
    private final String containerName;
    private final String envConfPrefix;

    PodRole(String name, String containerName, String envConfPrefix) {
        this.name = name;
        this.containerName = containerName;
        this.envConfPrefix = envConfPrefix;
    }

    /** {@code driver} or {@code executor}, as in conf keys. */
    String roleName() {
        return name;
    }

    /** The container Spark runs in, as set by {@code podTemplateContainerName}. */
    String containerName() {
        return containerName;
    }

    /** {@code spark.kubernetes.driver.} / {@code spark.kubernetes.executor.} */
    String kubernetesPrefix() {
        return "spark.kubernetes." + name + ".";
    }

    /** {@code spark.driver.} / {@code spark.executor.} */
    String sparkPrefix() {
        return "spark." + name + ".";
    }

    /** Where environment variables for this side's container go. */
    String envConfPrefix() {
        return envConfPrefix;
    }

    SparkPodSpec of(SparkApplicationSpec spec) {
        return this == DRIVER ? spec.driver() : spec.executor();
    }
}
