package io.sparkoperator.sparkconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ConnectCondition;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.api.SparkConnectStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restart policy's rules, decided without a cluster: which ended servers come back, when, and how often. */
class ConnectDeciderTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static SparkConnect connect(String restartPolicy, long generation, SparkConnectStatus status) {
        SparkConnect connect = ApiJson.parse("""
                apiVersion: sparkoperator.k8s.io/v1alpha1
                kind: SparkConnect
                metadata: {name: c, namespace: ns}
                spec:
                  sparkVersion: 4.1.1
                  image: spark:4.1.1
                  server: {}
                  executor: {}
                """ + (restartPolicy.isEmpty() ? "" : "  restartPolicy: " + restartPolicy + "\n"), SparkConnect.class);
        connect.getMetadata().setGeneration(generation);
        connect.setStatus(status);
        return connect;
    }

    private static Pod ended(String phase) {
        return new PodBuilder().withNewMetadata().withName("c-server").withUid("u1").endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    private static ConnectDecision decide(SparkConnect connect, Pod pod) {
        return ConnectDecider.decide(new ConnectDecider.Observed(connect, pod, false, null, null, List.of(), NOW));
    }

    private static SparkConnectStatus restarting(Instant since, Integer attempts, long generation) {
        return new SparkConnectStatus(List.of(new ConnectCondition(ConnectCondition.SERVER_POD_READY, "False", null,
                since, ConnectCondition.REASON_RESTARTING, "Server pod restart scheduled")), "NotReady", null,
                attempts, null, generation, null, NOW.minusSeconds(600), null);
    }

    private static String reason(ConnectDecision decision) {
        return decision.status().conditions().get(0).reason();
    }

    @Test
    void onFailureWithoutRetriesFailsAtOnceAsInTheGoOperator() {
        ConnectDecision decision = decide(connect("", 1, null), ended("Failed"));
        assertEquals("Failed", decision.status().state());
        assertEquals(ConnectCondition.REASON_RESTART_LIMIT_EXCEEDED, reason(decision));
        assertEquals(ConnectDecision.Action.NONE, decision.action());
        assertEquals(List.of(ConnectEvent.FAILED), decision.events().stream().map(ConnectEvent::reason).toList());
    }

    @Test
    void onFailureLeavesACompletedServerCompleted() {
        ConnectDecision decision = decide(connect("{onFailureRetries: 3}", 1, null), ended("Succeeded"));
        assertEquals("Completed", decision.status().state());
        assertEquals(ConnectCondition.REASON_COMPLETED, reason(decision));
    }

    @Test
    void aRestartIsScheduledThenWaitsTheIntervalThenDeletesAndCounts() {
        ConnectDecision scheduled = decide(connect("{onFailureRetries: 2, onFailureRetryInterval: 30}", 1, null),
                ended("Failed"));
        assertEquals(ConnectCondition.REASON_RESTARTING, reason(scheduled));
        assertEquals(NOW, scheduled.status().conditions().get(0).lastTransitionTime());
        assertEquals(Optional.of(Duration.ofSeconds(30)), scheduled.requeueAfter());
        assertEquals(ConnectDecision.Action.NONE, scheduled.action());

        ConnectDecision waiting = decide(connect("{onFailureRetries: 2, onFailureRetryInterval: 30}", 1,
                restarting(NOW.minusSeconds(10), null, 1)), ended("Failed"));
        assertEquals(Optional.of(Duration.ofSeconds(20)), waiting.requeueAfter());
        assertEquals(List.of(), waiting.events());

        ConnectDecision restart = decide(connect("{onFailureRetries: 2, onFailureRetryInterval: 30}", 1,
                restarting(NOW.minusSeconds(30), 1, 1)), ended("Failed"));
        assertEquals(ConnectDecision.Action.RESTART, restart.action());
        assertEquals(2, restart.status().restartAttempts());
        assertEquals(NOW, restart.status().lastRestartTime());
    }

    @Test
    void alwaysRestartsAnEndedServerWithoutLimit() {
        ConnectDecision decision = decide(connect("{restartPolicyType: Always, onFailureRetries: 1}", 1,
                restarting(NOW.minusSeconds(60), 7, 1)), ended("Succeeded"));
        assertEquals(ConnectDecision.Action.RESTART, decision.action());
        assertEquals(8, decision.status().restartAttempts());
    }

    @Test
    void aNewGenerationGetsAFreshRestartBudget() {
        ConnectDecision decision = decide(connect("{onFailureRetries: 1}", 2, restarting(NOW.minusSeconds(60), 1, 1)),
                ended("Failed"));
        assertEquals(ConnectDecision.Action.RESTART, decision.action());
        assertEquals(1, decision.status().restartAttempts());
        assertEquals(2L, decision.status().observedGeneration());
    }

    @Test
    void neverKeepsTheFailedServer() {
        ConnectDecision decision = decide(connect("{restartPolicyType: Never}", 1, null), ended("Failed"));
        assertEquals("Failed", decision.status().state());
        assertEquals(ConnectCondition.REASON_SERVER_POD_NOT_READY, reason(decision));
        assertNull(decision.status().restartAttempts());
    }
}
