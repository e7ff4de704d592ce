package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.DRIVER;
import static io.sparkoperator.state.Fixtures.driverPod;
import static io.sparkoperator.state.Fixtures.executorPod;
import static io.sparkoperator.state.Fixtures.neverSpec;
import static io.sparkoperator.state.Fixtures.status;
import static io.sparkoperator.state.Fixtures.terminatedDriver;
import static io.sparkoperator.state.Harness.effects;
import static io.sparkoperator.state.Harness.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.ExecutorState;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Rows SUBMITTED / RUNNING / UNKNOWN: following the driver pod. */
class DriverRowsTest {
    private final Harness h = new Harness();

    @Test
    void submittedWithPendingDriverStaysAndEnsuresTheUiService() {
        Decision d = h.decide(neverSpec(), status(AppState.SUBMITTED),
                Observation.driver(driverPod("Pending", "sub-1"), List.of()));

        assertEquals(AppState.SUBMITTED, d.status().state());
        assertEquals(List.of(new Action.EnsureUiService()), effects(d));
        assertEquals(List.of(), reasons(d), "no event while the derived state does not change");
        assertEquals("spark-driver-app-id", d.status().sparkApplicationId());
    }

    @Test
    void submittedWithTheUiServiceAlreadyRecordedDoesNotMakeItAgain() {
        var recorded = status(AppState.SUBMITTED).withSparkApplicationId("spark-driver-app-id").withDriverInfo(
                new io.sparkoperator.api.DriverInfo("app-ui-svc", "10.0.0.1:4040", 4040, null, null, null));
        Decision d = h.decide(neverSpec(), recorded, Observation.driver(driverPod("Pending", "sub-1"), List.of()));

        assertEquals(AppState.SUBMITTED, d.status().state());
        assertEquals(List.of(), effects(d), "one Service create per submission, not one per pass");
    }

    @Test
    void learningTheSparkAppIdEnsuresTheUiOnceMoreForAnIngressUrlWithTheAppId() {
        var recorded = status(AppState.SUBMITTED).withDriverInfo(
                new io.sparkoperator.api.DriverInfo("app-ui-svc", "10.0.0.1:4040", 4040, null, null, null));
        Decision d = h.decide(neverSpec(), recorded, Observation.driver(driverPod("Pending", "sub-1"), List.of()));

        assertEquals("spark-driver-app-id", d.status().sparkApplicationId());
        assertEquals(List.of(new Action.EnsureUiService()), effects(d));
    }

    @ParameterizedTest
    @CsvSource({
        "Running, RUNNING, SparkDriverRunning",
        "Succeeded, SUCCEEDING, SparkDriverCompleted",
        "Failed, FAILING, SparkDriverFailed",
        "Weird, UNKNOWN, SparkDriverUnknown"})
    void submittedFollowsTheDriverPhase(String phase, AppState expected, String reason) {
        Decision d = h.decide(neverSpec(), status(AppState.SUBMITTED),
                Observation.driver(driverPod(phase, "sub-1"), List.of()));

        assertEquals(expected, d.status().state());
        assertEquals(List.of(reason), reasons(d));
    }

    @Test
    void failedDriverWithoutContainerStatusSaysSo() {
        Decision d = h.decide(neverSpec(), status(AppState.RUNNING),
                Observation.driver(driverPod("Failed", "sub-1"), List.of()));

        assertEquals(AppState.FAILING, d.status().state());
        assertEquals("driver container status missing", d.status().applicationState().errorMessage());
        assertEquals(h.now(), d.status().terminationTime());
        assertEquals(Duration.ZERO, d.requeueAfter().orElseThrow());
    }

    @Test
    void sidecarKeepsPodRunningButTheDriverContainerFailed() {
        Decision d = h.decide(neverSpec(), status(AppState.RUNNING),
                Observation.driver(terminatedDriver("Running", "sub-1", 137, "OOMKilled"), List.of()));

        assertEquals(AppState.FAILING, d.status().state());
        assertEquals("driver container OOMKilled: it used more memory than its limit (raise spec.driver.memory or "
                + "spec.driver.memoryOverhead); driver container failed with ExitCode: 137, Reason: OOMKilled",
                d.status().applicationState().errorMessage());
        assertEquals(List.of(EventReasons.DRIVER_FAILED), reasons(d));
    }

    @Test
    void sidecarKeepsPodRunningButTheDriverContainerSucceeded() {
        Decision d = h.decide(neverSpec(), status(AppState.RUNNING),
                Observation.driver(terminatedDriver("Running", "sub-1", 0, "Completed"), List.of()));

        assertEquals(AppState.SUCCEEDING, d.status().state());
        assertNull(d.status().applicationState().errorMessage());
        assertEquals(h.now(), d.status().terminationTime());
    }

    @Test
    void missingDriverWithinTheGracePeriodWaits() {
        SparkApplicationStatus submitted = status(AppState.SUBMITTED, "sub-1", h.now().minusSeconds(3));

        Decision d = h.decide(neverSpec(), submitted, Observation.nothing());

        assertEquals(submitted, d.status(), "status untouched");
        assertEquals(List.of(), effects(d));
        Duration wait = d.requeueAfter().orElseThrow();
        assertTrue(wait.compareTo(Duration.ofSeconds(7)) >= 0 && wait.compareTo(Duration.ofSeconds(8)) < 0, wait::toString);
    }

    @Test
    void missingDriverExactlyAtTheEndOfTheGracePeriodStillWaits() {
        SparkApplicationStatus submitted = status(AppState.SUBMITTED, "sub-1", h.now().minusSeconds(10));

        assertEquals(AppState.SUBMITTED, h.decide(neverSpec(), submitted, Observation.nothing()).status().state());
    }

    @Test
    void gracePeriodIsConfigurable() {
        Harness longGrace = new Harness(StateMachineConfig.defaults()
                .withDriverPodCreationGracePeriod(Duration.ofMinutes(2)));
        SparkApplicationStatus submitted = status(AppState.SUBMITTED, "sub-1", longGrace.now().minusSeconds(60));

        assertEquals(AppState.SUBMITTED, longGrace.decide(neverSpec(), submitted, Observation.nothing()).status().state());
    }

    @Test
    void missingDriverAfterTheGracePeriodFails() {
        SparkApplicationStatus submitted = status(AppState.SUBMITTED, "sub-1", h.now().minusMillis(10_001));

        Decision d = h.decide(neverSpec(), submitted, Observation.nothing());

        assertEquals(AppState.FAILING, d.status().state());
        assertEquals("driver pod not found", d.status().applicationState().errorMessage());
        assertEquals(h.now(), d.status().terminationTime());
        assertEquals(List.of(EventReasons.DRIVER_NOT_FOUND), reasons(d));
        assertEquals(EventType.WARNING, d.events().get(0).type());
    }

    @ParameterizedTest
    @EnumSource(value = AppState.class, names = {"RUNNING", "UNKNOWN"})
    void missingDriverWhileRunningOrUnknownFailsWithoutGrace(AppState state) {
        SparkApplicationStatus justSubmitted = status(state, "sub-1", h.now().minusSeconds(1));

        Decision d = h.decide(neverSpec(), justSubmitted, Observation.nothing());

        assertEquals(AppState.FAILING, d.status().state());
        assertEquals("driver pod not found", d.status().applicationState().errorMessage());
        assertEquals(h.now(), d.status().terminationTime());
    }

    @Test
    void aDriverOfAnotherSubmissionCountsAsMissing() {
        Decision d = h.decide(neverSpec(), status(AppState.RUNNING),
                Observation.driver(driverPod("Running", "someone-else"), List.of()));

        assertEquals(AppState.FAILING, d.status().state());
        assertEquals("driver pod not found", d.status().applicationState().errorMessage());
    }

    @ParameterizedTest
    @CsvSource({"Succeeded, SUCCEEDING", "Failed, FAILING", "Weird, UNKNOWN", "Pending, SUBMITTED"})
    void runningFollowsPhaseChangesAndRefreshesExecutors(String phase, AppState expected) {
        Decision d = h.decide(neverSpec(), status(AppState.RUNNING), Observation.driver(driverPod(phase, "sub-1"),
                List.of(executorPod("exec-1", "Running", 1, "spark-exec-app-id"))));

        assertEquals(expected, d.status().state());
        assertEquals(Map.of("exec-1", ExecutorState.RUNNING), d.status().executorState());
        assertEquals("spark-exec-app-id", d.status().sparkApplicationId(), "the executor's app id wins");
    }

    @Test
    void runningWithRunningDriverStaysQuietly() {
        // Steady state: the app ID was learned on an earlier pass (learning it ensures the UI once more).
        Decision d = h.decide(neverSpec(), status(AppState.RUNNING).withSparkApplicationId("spark-driver-app-id"),
                Observation.driver(driverPod("Running", "sub-1"), List.of()));

        assertEquals(AppState.RUNNING, d.status().state());
        assertEquals(List.of(), d.actions());
    }

    @ParameterizedTest
    @CsvSource({"Running, RUNNING", "Pending, SUBMITTED", "Succeeded, SUCCEEDING", "Failed, FAILING"})
    void unknownReturnsToTheMappedStateWhenThePhaseIsKnownAgain(String phase, AppState expected) {
        Decision d = h.decide(neverSpec(), status(AppState.UNKNOWN),
                Observation.driver(driverPod(phase, "sub-1"), List.of()));

        assertEquals(expected, d.status().state());
    }

    @Test
    void terminationTimeIsKeptOnceSet() {
        SparkApplicationStatus earlier = status(AppState.UNKNOWN).withTerminationTime(Fixtures.T0);

        Decision d = h.decide(neverSpec(), earlier, Observation.driver(driverPod("Succeeded", "sub-1"), List.of()));

        assertEquals(Fixtures.T0, d.status().terminationTime());
        assertEquals(DRIVER, d.status().driverInfo().podName());
    }
}
