package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.DriverInfo;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Apps, statuses and pods for state machine tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String APP = "spark-pi";
    static final String DRIVER = "spark-pi-driver";

    private Fixtures() {
    }

    /** A spec from the YAML lines under {@code spec:} (besides the required fields). */
    static SparkApplicationSpec spec(String extraYaml) {
        String yaml = """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: spark-pi, namespace: default}
                spec:
                  type: Scala
                  mode: cluster
                  sparkVersion: 4.1.1
                  image: spark:4.1.1
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  driver: {cores: 1}
                  executor: {instances: 1}
                """ + indent(extraYaml);
        return ApiJson.parse(yaml, SparkApplication.class).getSpec();
    }

    static SparkApplicationSpec neverSpec() {
        return spec("");
    }

    static SparkApplicationSpec onFailure(int submissionRetries, int runRetries) {
        return spec("restartPolicy: {type: OnFailure, onSubmissionFailureRetries: " + submissionRetries
                + ", onFailureRetries: " + runRetries + "}");
    }

    static SparkApplicationSpec always() {
        return spec("restartPolicy: {type: Always}");
    }

    static SparkApplication app(SparkApplicationSpec spec, SparkApplicationStatus status) {
        SparkApplication app = new SparkApplication();
        app.setMetadata(new ObjectMetaBuilder().withName(APP).withNamespace("default")
                .withCreationTimestamp("2026-01-01T00:00:00Z").build());
        app.setSpec(spec);
        app.setStatus(status);
        return app;
    }

    /** A status in {@code state} for submission {@code id}, submitted at {@code submittedAt}. */
    static SparkApplicationStatus status(AppState state, String id, Instant submittedAt) {
        return SparkApplicationStatus.initial()
                .withApplicationState(ApplicationState.of(state))
                .withSubmissionID(id)
                .withLastSubmissionAttemptTime(submittedAt)
                .withDriverInfo(new DriverInfo(null, null, null, null, null, id == null ? null : DRIVER))
                .withSubmissionAttempts(id == null ? 0 : 1)
                .withExecutionAttempts(id == null ? 0 : 1);
    }

    static SparkApplicationStatus status(AppState state) {
        return status(state, "sub-1", T0);
    }

    static SparkApplicationStatus withError(SparkApplicationStatus s, String message) {
        return s.withApplicationState(new ApplicationState(s.state(), message));
    }

    static Pod driverPod(String phase, String submissionId) {
        return pod(DRIVER, phase, driverLabels(submissionId), List.of());
    }

    /** A driver pod whose {@code spark-kubernetes-driver} container terminated, plus a still-running sidecar. */
    static Pod terminatedDriver(String phase, String submissionId, int exitCode, String reason) {
        List<ContainerStatus> statuses = new ArrayList<>();
        statuses.add(new ContainerStatusBuilder().withName("sidecar").withNewState().withNewRunning().endRunning()
                .endState().build());
        statuses.add(new ContainerStatusBuilder().withName(Labels.DRIVER_CONTAINER).withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(reason).endTerminated().endState().build());
        return pod(DRIVER, phase, driverLabels(submissionId), statuses);
    }

    static Pod executorPod(String name, String phase, int execId, String appId) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Labels.SPARK_ROLE, Labels.ROLE_EXECUTOR);
        labels.put(Labels.SPARK_EXEC_ID, Integer.toString(execId));
        if (appId != null) {
            labels.put(Labels.SPARK_APP_SELECTOR, appId);
        }
        return pod(name, phase, labels, List.of());
    }

    static Map<String, String> driverLabels(String submissionId) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Labels.SPARK_ROLE, Labels.ROLE_DRIVER);
        labels.put(Labels.APP_NAME, APP);
        labels.put(Labels.SPARK_APP_SELECTOR, "spark-driver-app-id");
        if (submissionId != null) {
            labels.put(Labels.SUBMISSION_ID, submissionId);
        }
        return labels;
    }

    static Pod pod(String name, String phase, Map<String, String> labels, List<ContainerStatus> statuses) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels)
                .endMetadata().withNewStatus().withPhase(phase).withContainerStatuses(statuses).endStatus().build();
    }

    private static String indent(String yaml) {
        StringBuilder out = new StringBuilder();
        for (String line : yaml.split("\n")) {
            if (!line.isBlank()) {
                out.append("  ").append(line).append('\n');
            }
        }
        return out.toString();
    }
}
