package io.sparkoperator.metrics;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.Rfc3339;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Instant;
import java.util.Map;

/** Test fixtures: applications and executor pods as an informer cache would hold them. */
final class Apps {
    static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

    private Apps() {
    }

    static SparkApplication app(String namespace, String name, Map<String, String> labels) {
        SparkApplication app = new SparkApplication();
        app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels)
                .withUid("uid-" + name).withCreationTimestamp(Rfc3339.format(CREATED)).build());
        app.setStatus(SparkApplicationStatus.initial());
        return app;
    }

    /** Sets the persisted status the way the state machine would after a transition. */
    static SparkApplication withState(SparkApplication app, AppState state, int submissions, int executions,
            Instant lastSubmission, Instant termination) {
        app.setStatus(SparkApplicationStatus.initial().withApplicationState(ApplicationState.of(state))
                .withSubmissionAttempts(submissions).withExecutionAttempts(executions)
                .withLastSubmissionAttemptTime(lastSubmission).withTerminationTime(termination));
        return app;
    }

    static Pod executor(String namespace, String name, Map<String, String> labels, String phase) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .addToLabels("spark-role", "executor").endMetadata().withNewStatus().withPhase(phase).endStatus()
                .build();
    }
}
