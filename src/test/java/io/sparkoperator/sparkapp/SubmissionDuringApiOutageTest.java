package io.sparkoperator.sparkapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.runtime.KeyedDispatcherTest;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.state.StateMachineConfig;
import io.sparkoperator.testing.FakeKubelet;
import io.sparkoperator.testing.LifecycleRig;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import io.sparkoperator.testing.TestOperator;
import io.sparkoperator.ui.UiServiceOptions;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of restartPolicy Never apps submitted while spark-submit cannot reach the API server: no app fails for
 * an outage shorter than {@code --api-server-unavailable-timeout}, none spends a submission attempt on it, and
 * each says what is going on in status and a Warning Event. A longer outage fails them, saying why.
 */
class SubmissionDuringApiOutageTest {
    private static final int APPS = 10;
    private final LifecycleRig rig = new LifecycleRig();
    private final MockCluster cluster = rig.cluster;
    private final FakeKubelet kubelet = rig.kubelet;
    private TestOperator operator;

    @AfterEach
    void close() throws Exception {
        rig.close(operator);
    }

    private TestOperator operator(Duration bound) {
        return new TestOperator(cluster.client, "operator", LeaderElectionOptions.defaults(),
                UiServiceOptions.defaults(), StateMachineConfig.defaults().withApiServerUnavailableTimeout(bound));
    }

    private SparkApplicationStatus status(String name) {
        return SparkApplications.statusOf(cluster.getApp("default", name));
    }

    private List<String> warnings(String app) {
        return cluster.client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> app.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
                .map(Event::getMessage).toList();
    }

    @Test
    void anOutageShorterThanTheBoundCostsNoAppAndNoAttempt() throws Exception {
        operator = operator(Duration.ofMinutes(10));
        operator.submit.refuseNext.set(3 * APPS); // every app is refused a few times: the outage outlasts the burst
        IntStream.range(0, APPS).forEach(i -> cluster.createApp(TestApps.sparkPi("default", "burst-" + i)));
        operator.start();

        KeyedDispatcherTest.waitFor(() -> IntStream.range(0, APPS)
                .allMatch(i -> status("burst-" + i).state() == AppState.COMPLETED), Duration.ofSeconds(60));
        assertEquals(0, operator.submit.refuseNext.get(), "every refusal was used");
        for (int i = 0; i < APPS; i++) {
            String app = "burst-" + i;
            assertEquals(1, status(app).submissionAttemptCount(), app + ": the outage spent no attempt");
            assertEquals(null, status(app).applicationState().errorMessage(), app);
        }
        long told = IntStream.range(0, APPS).filter(i -> warnings("burst-" + i).stream().anyMatch(m -> m.equals(
                "failed to submit SparkApplication burst-" + i + ": API server unavailable, retrying: "
                        + "java.io.IOException: Connection refused: /127.0.0.1:6443"))).count();
        assertTrue(told >= APPS / 2, told + " of " + APPS + " apps were refused and said so in a Warning Event");
    }

    @Test
    void anOutageLongerThanTheBoundFailsTheAppSayingWhy() throws Exception {
        operator = operator(Duration.ofMillis(300));
        operator.submit.refuseNext.set(Integer.MAX_VALUE);
        cluster.createApp(TestApps.sparkPi("default", "stranded"));
        operator.start();

        KeyedDispatcherTest.waitFor(() -> status("stranded").state() == AppState.FAILED, Duration.ofSeconds(30));
        String message = status("stranded").applicationState().errorMessage();
        assertEquals("failed to submit spark application: API server unavailable for more than 300ms: "
                + "java.io.IOException: Connection refused: /127.0.0.1:6443", message);
        assertTrue(operator.submit.calls() >= 2, "retried before giving up: " + operator.submit.calls());
        assertTrue(warnings("stranded").stream().anyMatch(m -> m.contains(message)), warnings("stranded")::toString);
    }
}
