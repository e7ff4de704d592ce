package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.submit.DriverPodName;
import java.util.Map;

/**
 * The driver's {@code policy/v1} PodDisruptionBudget ({@code spec.driverPodDisruptionBudget: true} with
 * {@code --enable-driver-pdb}), as the Go operator makes it: named like the driver pod, {@code minAvailable: 1},
 * selecting the app's driver, owned by the app. A drain then waits for the driver instead of killing the run.
 */
public final class DriverPdb {
    private DriverPdb() {
    }

    public static boolean wanted(SparkApplication app) {
        return Boolean.TRUE.equals(app.getSpec().driverPodDisruptionBudget());
    }

    public static PodDisruptionBudget of(SparkApplication app) {
        String appName = app.getMetadata().getName();
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(DriverPodName.of(app)).withNamespace(app.getMetadata().getNamespace())
                .withLabels(Map.of(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true", Labels.APP_NAME, appName))
                .withOwnerReferences(OwnerReferences.controllerOf(app)).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Map.of(Labels.APP_NAME, appName, Labels.SPARK_ROLE,
                        Labels.ROLE_DRIVER)).endSelector().endSpec()
                .build();
    }
}
