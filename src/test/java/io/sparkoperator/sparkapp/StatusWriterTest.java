package io.sparkoperator.sparkapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
    private final MockCluster cluster = new MockCluster();
    private final java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
    private final StatusWriter writer = new StatusWriter(cluster.client, conflicts::incrementAndGet);

    @AfterEach
    void close() {
        cluster.close();
    }

    private static SparkApplicationStatus submitted(Instant when) {
        return SparkApplicationStatus.initial().withApplicationState(ApplicationState.of(AppState.SUBMITTED))
                .withSubmissionID("id-1").withLastSubmissionAttemptTime(when).withSubmissionAttempts(1)
                .withExecutionAttempts(1);
    }

    @Test
    void writesOnlyStatusAndLeavesSpecAlone() {
        GenericKubernetesResource created = cluster.createApp(TestApps.sparkPi("default", "pi"));
        Object specBefore = created.getAdditionalProperties().get("spec");
        StatusWriter.Outcome outcome = writer.write(created, submitted(Instant.parse("2026-01-01T00:00:00Z")));
        assertTrue(outcome.written());
        GenericKubernetesResource stored = cluster.getApp("default", "pi");
        assertEquals(specBefore, stored.getAdditionalProperties().get("spec"));
        SparkApplicationStatus status = SparkApplications.statusOf(stored);
        assertEquals(AppState.SUBMITTED, status.state());
        assertEquals("id-1", status.submissionID());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), status.lastSubmissionAttemptTime());
        assertEquals("SUBMITTED", ((Map<?, ?>) ((Map<?, ?>) stored.getAdditionalProperties().get("status"))
                .get("applicationState")).get("state"));
    }

    @Test
    void anUnchangedStatusIsNotWrittenEvenWithSubSecondTimes() {
        Instant now = Instant.parse("2026-01-01T00:00:00.123456789Z");
        GenericKubernetesResource first = writer.write(cluster.createApp(TestApps.sparkPi("default", "pi")),
                submitted(now)).stored();
        StatusWriter.Outcome again = writer.write(first, submitted(now));
        assertFalse(again.written());
        assertEquals(first.getMetadata().getResourceVersion(),
                cluster.getApp("default", "pi").getMetadata().getResourceVersion());
    }

    @Test
    void aConflictIsRetriedOnTheLatestObjectKeepingTheUsersSpecEdit() {
        GenericKubernetesResource stale = cluster.createApp(TestApps.sparkPi("default", "pi"));
        GenericKubernetesResource edited = cluster.getApp("default", "pi");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) edited.getAdditionalProperties().get("spec");
        spec.put("arguments", java.util.List.of("1000"));
        SparkApplications.api(cluster.client).inNamespace("default").resource(edited).update();
        assertNotEquals(stale.getMetadata().getResourceVersion(),
                cluster.getApp("default", "pi").getMetadata().getResourceVersion());

        int requestsBefore = cluster.server.getRequestCount();
        assertTrue(writer.write(stale, submitted(Instant.EPOCH)).written());
        assertEquals(3, cluster.server.getRequestCount() - requestsBefore, "PUT (409), GET latest, PUT");
        assertEquals(1, conflicts.get());
        GenericKubernetesResource stored = cluster.getApp("default", "pi");
        assertEquals(AppState.SUBMITTED, SparkApplications.statusOf(stored).state());
        assertEquals(java.util.List.of("1000"),
                ((Map<?, ?>) stored.getAdditionalProperties().get("spec")).get("arguments"));
    }

    @Test
    void aStatusChangedBySomeoneElseFailsTheWriteInsteadOfOverwritingIt() {
        GenericKubernetesResource stale = cluster.createApp(TestApps.sparkPi("default", "pi"));
        writer.write(cluster.getApp("default", "pi"), submitted(Instant.EPOCH));
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> writer.write(stale, submitted(Instant.EPOCH).withSubmissionID("id-2")));
        assertEquals(409, error.getCode());
        assertEquals("id-1", SparkApplications.statusOf(cluster.getApp("default", "pi")).submissionID());
    }

    @Test
    void aDeletedAppIsReportedNotRecreated() {
        GenericKubernetesResource created = cluster.createApp(TestApps.sparkPi("default", "pi"));
        SparkApplications.api(cluster.client).inNamespace("default").withName("pi").delete();
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> writer.write(created, submitted(Instant.EPOCH)));
        assertEquals(404, error.getCode());
    }
}
