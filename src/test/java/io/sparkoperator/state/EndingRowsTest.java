package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.DRIVER;
import static io.sparkoperator.state.Fixtures.always;
import static io.sparkoperator.state.Fixtures.neverSpec;
import static io.sparkoperator.state.Fixtures.onFailure;
import static io.sparkoperator.state.Fixtures.status;
import static io.sparkoperator.state.Fixtures.withError;
import static io.sparkoperator.state.Harness.effects;
import static io.sparkoperator.state.Harness.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.ExecutorState;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows SUCCEEDING, FAILING, SUBMISSION_FAILED and PENDING_RERUN. */
class EndingRowsTest {
    private final Harness h = new Harness();

    /** A run that ended {@code ago} before now, with run data the rerun reset must clear. */
    private SparkApplicationStatus ended(AppState state, Duration ago) {
        return withError(status(state), state == AppState.FAILING ? "driver container failed with ExitCode: 1, Reason: Error" : null)
                .withTerminationTime(h.now().minus(ago))
                .withSparkApplicationId("spark-123")
                .withExecutorState(Map.of("exec-1", ExecutorState.COMPLETED))
                .withExecutionAttempts(2)
                .withSubmissionAttempts(3);
    }

    @Test
    void succeedingUnderAlwaysRerunsAtOnceAndResetsTheRun() {
        Decision d = h.decide(always(), ended(AppState.SUCCEEDING, Duration.ZERO), Observation.nothing());

        assertEquals(AppState.PENDING_RERUN, d.status().state());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertNull(d.status().sparkApplicationId());
        assertNull(d.status().terminationTime());
        assertNull(d.status().applicationState().errorMessage());
        assertNull(d.status().executorState());
        assertNull(d.status().driverInfo().podName());
        assertEquals(2, d.status().executionAttemptCount(), "attempts are kept");
        assertEquals(3, d.status().submissionAttemptCount());
        assertEquals(Duration.ZERO, d.requeueAfter().orElseThrow(), "no retry interval after success");
    }

    @Test
    void succeedingOtherwiseCompletes() {
        Decision d = h.decide(onFailure(3, 3), ended(AppState.SUCCEEDING, Duration.ZERO), Observation.nothing());

        assertEquals(AppState.COMPLETED, d.status().state());
        assertEquals(List.of(EventReasons.APP_COMPLETED), reasons(d));
        assertEquals(List.of(new Action.DeleteSchedulingResources("spark-pi-driver"), new Action.DeleteUiResources()), effects(d));
        assertEquals("spark-123", d.status().sparkApplicationId());
    }

    @Test
    void keepingUiResourcesOnTerminationIsConfigurable() {
        Harness keep = new Harness(StateMachineConfig.defaults().withDeleteUiOnTermination(false));

        Decision d = keep.decide(neverSpec(), ended(AppState.SUCCEEDING, Duration.ZERO), Observation.nothing());

        assertEquals(List.of(new Action.DeleteSchedulingResources("spark-pi-driver")), effects(d));
    }

    @Test
    void failingWithRetryDueGoesToPendingRerun() {
        // executionAttempts 2 <= onFailureRetries 3; wait = 5 s x executionAttempts 2 = 10 s since the failure.
        Decision d = h.decide(onFailure(0, 3), ended(AppState.FAILING, Duration.ofSeconds(10)), Observation.nothing());

        assertEquals(AppState.PENDING_RERUN, d.status().state());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertNull(d.status().applicationState().errorMessage());
        assertNull(d.status().terminationTime());
        assertNull(d.status().submissionID(), "the old run's ID is cleared, so its driver is never adopted");
        assertEquals(2, d.status().executionAttemptCount());
    }

    @Test
    void failingWithRetryNotYetDueWaitsTheRemainingTime() {
        SparkApplicationStatus failing = ended(AppState.FAILING, Duration.ofSeconds(4));

        Decision d = h.decide(onFailure(0, 3), failing, Observation.nothing());

        assertEquals(failing, d.status());
        assertEquals(Duration.ofSeconds(6), d.requeueAfter().orElseThrow());
        assertEquals(List.of(), effects(d));
    }

    @Test
    void failingWithoutRetriesLeftFailsKeepingMessageAndTime() {
        SparkApplicationStatus failing = ended(AppState.FAILING, Duration.ofSeconds(30)).withExecutionAttempts(4);

        Decision d = h.decide(onFailure(0, 3), failing, Observation.nothing());

        assertEquals(AppState.FAILED, d.status().state());
        assertEquals("driver container failed with ExitCode: 1, Reason: Error",
                d.status().applicationState().errorMessage());
        assertEquals(failing.terminationTime(), d.status().terminationTime());
        assertEquals(List.of(EventReasons.APP_FAILED), reasons(d));
        assertEquals(EventType.WARNING, d.events().get(0).type());
    }

    @Test
    void failingUnderNeverFailsAndOnFailureWithoutRetriesFails() {
        assertEquals(AppState.FAILED, h.decide(neverSpec(), ended(AppState.FAILING, Duration.ofHours(1)),
                Observation.nothing()).status().state());
        assertEquals(AppState.FAILED, h.decide(Fixtures.spec("restartPolicy: {type: OnFailure}"),
                ended(AppState.FAILING, Duration.ofHours(1)), Observation.nothing()).status().state());
    }

    @Test
    void failingUnderAlwaysRetries() {
        Decision d = h.decide(always(), ended(AppState.FAILING, Duration.ofHours(1)).withExecutionAttempts(50),
                Observation.nothing());

        assertEquals(AppState.PENDING_RERUN, d.status().state());
    }

    private SparkApplicationStatus submissionFailed(int attempts, Duration ago) {
        return withError(status(AppState.SUBMISSION_FAILED, "sub-1", h.now().minus(ago)), "exit 1")
                .withSubmissionAttempts(attempts).withExecutionAttempts(0);
    }

    @Test
    void submissionFailedWithRetryDueResubmits() {
        // submissionAttempts 2 <= 3; wait = 5 s x 2 = 10 s since the last attempt.
        Decision d = h.decide(onFailure(3, 0), submissionFailed(2, Duration.ofSeconds(10)), Observation.nothing());

        assertEquals(AppState.SUBMISSION_FAILED, d.status().state(), "state unchanged until spark-submit reports");
        assertEquals(new Action.Submit("new-1"), d.submit().orElseThrow());
        assertEquals("new-1", d.status().submissionID());
        assertEquals(h.now(), d.status().lastSubmissionAttemptTime());

        Decision ok = h.after(onFailure(3, 0), d.status(), new SubmissionOutcome.Succeeded(DRIVER));
        assertEquals(AppState.SUBMITTED, ok.status().state());
        assertEquals(3, ok.status().submissionAttemptCount());
        assertNull(ok.status().applicationState().errorMessage());
        Decision again = h.after(onFailure(3, 0), d.status(), new SubmissionOutcome.Failed("exit 2"));
        assertEquals(AppState.SUBMISSION_FAILED, again.status().state());
        assertEquals("exit 2", again.status().applicationState().errorMessage());
    }

    @Test
    void submissionFailedRetryFirstDeletesLeftoverResources() {
        Decision d = h.decide(onFailure(3, 0), submissionFailed(1, Duration.ofMinutes(1)),
                Observation.nothing().withSubmissionResourcesExist(true));

        assertFalse(d.submit().isPresent());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertEquals(AppState.SUBMISSION_FAILED, d.status().state());
        assertTrue(d.requeueAfter().isPresent());
    }

    @Test
    void submissionFailedWithRetryNotDueWaits() {
        Decision d = h.decide(onFailure(3, 0), submissionFailed(2, Duration.ofSeconds(3)), Observation.nothing());

        assertFalse(d.submit().isPresent());
        assertEquals(Duration.ofSeconds(7), d.requeueAfter().orElseThrow());
    }

    @Test
    void submissionFailedWithoutRetriesFails() {
        SparkApplicationStatus failed = submissionFailed(1, Duration.ofSeconds(1)).withTerminationTime(Fixtures.T0);

        Decision d = h.decide(neverSpec(), failed, Observation.nothing());

        assertEquals(AppState.FAILED, d.status().state());
        assertEquals("exit 1", d.status().applicationState().errorMessage());
        assertEquals(h.now(), d.status().terminationTime());
        assertEquals(List.of(EventReasons.APP_FAILED), reasons(d));
        assertEquals(AppState.FAILED, h.decide(onFailure(3, 0), submissionFailed(4, Duration.ofHours(1)),
                Observation.nothing()).status().state(), "4 attempts > 3 retries");
    }

    @Test
    void submissionFailedAdoptsADriverTheFailedAttemptCreated() {
        Decision d = h.decide(neverSpec(), submissionFailed(1, Duration.ofSeconds(1)),
                Observation.driver(Fixtures.driverPod("Running", "sub-1"), List.of()));

        assertEquals(AppState.SUBMITTED, d.status().state());
        assertFalse(d.submit().isPresent());
    }

    @Test
    void pendingRerunSubmitsOnceResourcesAreGone() {
        SparkApplicationStatus rerun = status(AppState.PENDING_RERUN, null, Instant.parse("2026-01-01T00:00:00Z"));

        Decision d = h.decide(onFailure(3, 3), rerun, Observation.nothing());

        assertEquals(List.of(EventReasons.APP_PENDING_RERUN), reasons(d));
        assertEquals(new Action.Submit("new-1"), d.submit().orElseThrow());
        assertEquals(AppState.SUBMITTED,
                h.after(onFailure(3, 3), d.status(), new SubmissionOutcome.Succeeded(DRIVER)).status().state());
        assertEquals(AppState.SUBMISSION_FAILED,
                h.after(onFailure(3, 3), d.status(), new SubmissionOutcome.Failed("x")).status().state());
    }

    @Test
    void pendingRerunWaitsWhileResourcesExist() {
        SparkApplicationStatus rerun = status(AppState.PENDING_RERUN, null, null);

        Decision d = h.decide(onFailure(3, 3), rerun,
                Observation.driver(Fixtures.driverPod("Failed", "sub-0"), List.of()));

        assertEquals(rerun, d.status());
        assertFalse(d.submit().isPresent());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertEquals(StateMachineConfig.DEFAULT_DELETION_POLL, d.requeueAfter().orElseThrow());
        assertFalse(h.decide(onFailure(3, 3), rerun, Observation.nothing().withSubmissionResourcesExist(true))
                .submit().isPresent(), "a leftover UI service blocks the rerun too");
    }
}
