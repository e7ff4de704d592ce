package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.DRIVER;
import static io.sparkoperator.state.Fixtures.driverPod;
import static io.sparkoperator.state.Fixtures.neverSpec;
import static io.sparkoperator.state.Fixtures.onFailure;
import static io.sparkoperator.state.Fixtures.status;
import static io.sparkoperator.state.Harness.effects;
import static io.sparkoperator.state.Harness.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows '""' -> SUBMITTED / SUBMISSION_FAILED, and the two-step idempotent submission with adoption. */
class SubmissionRowsTest {
    private final Harness h = new Harness();

    @Test
    void newAppRecordsAFreshSubmissionIdBeforeSubmitting() {
        Decision d = h.decide(neverSpec(), null, Observation.nothing());

        assertEquals(AppState.NEW, d.status().state());
        assertEquals("new-1", d.status().submissionID());
        assertEquals(h.now(), d.status().lastSubmissionAttemptTime());
        assertEquals(0, d.status().submissionAttemptCount());
        assertEquals(List.of(EventReasons.APP_ADDED), reasons(d));
        assertEquals(List.of(new Action.Submit("new-1")), effects(d));
    }

    @Test
    void successfulSubmissionGoesToSubmittedAndCountsBothAttempts() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision d = h.after(neverSpec(), persisted, new SubmissionOutcome.Succeeded(DRIVER));

        assertEquals(AppState.SUBMITTED, d.status().state());
        assertEquals("new-1", d.status().submissionID());
        assertEquals(DRIVER, d.status().driverInfo().podName());
        assertEquals(h.now(), d.status().lastSubmissionAttemptTime());
        assertEquals(1, d.status().submissionAttemptCount());
        assertEquals(1, d.status().executionAttemptCount());
        assertEquals(List.of(EventReasons.APP_SUBMITTED), reasons(d));
        assertEquals(List.of(new Action.EnsureUiService()), effects(d));
        assertTrue(d.requeueAfter().orElseThrow().compareTo(Duration.ofSeconds(10)) > 0,
                "comes back after the driver pod creation grace period");
    }

    @Test
    void theApplicationIdSparkSubmitPrintedIsRecordedAtSubmitted() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision told = h.after(neverSpec(), persisted, new SubmissionOutcome.Succeeded(DRIVER, "spark-0123abcd"));
        Decision silent = h.after(neverSpec(), persisted, new SubmissionOutcome.Succeeded(DRIVER));

        assertEquals("spark-0123abcd", told.status().sparkApplicationId());
        assertEquals(null, silent.status().sparkApplicationId(), "left for the driver pod's label to tell");
    }

    @Test
    void failedSubmissionGoesToSubmissionFailedWithTheMessage() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();
        String message = "failed to submit spark application: failed to run spark-submit: exit 1";

        Decision d = h.after(neverSpec(), persisted, new SubmissionOutcome.Failed(message));

        assertEquals(AppState.SUBMISSION_FAILED, d.status().state());
        assertEquals(message, d.status().applicationState().errorMessage());
        assertEquals(1, d.status().submissionAttemptCount());
        assertEquals(0, d.status().executionAttemptCount());
        assertEquals(List.of(EventReasons.APP_SUBMISSION_FAILED), reasons(d));
        assertEquals(Action.RecordEvent.warning(EventReasons.APP_SUBMISSION_FAILED,
                "failed to submit SparkApplication spark-pi: " + message), d.events().get(0));
        assertEquals(Duration.ZERO, d.requeueAfter().orElseThrow(), "Never: FAILED is due at once");
    }

    @Test
    void anUnreachableApiServerKeepsTheAppWhereItWasAndSpendsNoAttempt() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();
        String cause = "java.io.IOException: Connection refused: /127.0.0.1:6443";

        Decision d = h.after(neverSpec(), persisted, new SubmissionOutcome.ApiServerUnavailable(cause,
                Duration.ofSeconds(4)));

        assertEquals(AppState.NEW, d.status().state(), "not SUBMISSION_FAILED: restartPolicy Never would end it");
        assertEquals("API server unavailable, retrying: " + cause, d.status().applicationState().errorMessage());
        assertEquals(persisted.submissionAttemptCount(), d.status().submissionAttemptCount());
        assertEquals(Action.RecordEvent.warning(EventReasons.APP_SUBMISSION_FAILED,
                "failed to submit SparkApplication spark-pi: API server unavailable, retrying: " + cause),
                d.events().get(0));
        assertEquals(Duration.ofSeconds(4), d.requeueAfter().orElseThrow(), "the pause grows with the outage");
        assertEquals(Duration.ofSeconds(30), h.after(neverSpec(), persisted, new SubmissionOutcome.ApiServerUnavailable(
                cause, Duration.ofMinutes(5))).requeueAfter().orElseThrow(), "at most 30 s");

        Decision gaveUp = h.after(neverSpec(), persisted, new SubmissionOutcome.ApiServerUnavailable(cause,
                Duration.ofMinutes(11)));
        assertEquals(AppState.SUBMISSION_FAILED, gaveUp.status().state());
        assertEquals("failed to submit spark application: API server unavailable for more than 10m: " + cause,
                gaveUp.status().applicationState().errorMessage());
        assertEquals(persisted.submissionAttemptCount() + 1, gaveUp.status().submissionAttemptCount());
    }

    @Test
    void invalidSpecAndTimeoutAreSubmissionFailures() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision invalid = h.after(neverSpec(), persisted, new SubmissionOutcome.InvalidSpec("bad sparkConf"));
        Decision timedOut = h.after(neverSpec(), persisted, new SubmissionOutcome.TimedOut(Duration.ofMinutes(2)));

        assertEquals("bad sparkConf", invalid.status().applicationState().errorMessage());
        assertEquals(AppState.SUBMISSION_FAILED, timedOut.status().state());
        assertEquals("failed to submit spark application: spark-submit timed out after 120s",
                timedOut.status().applicationState().errorMessage());
    }

    @Test
    void submissionFailureWithRetriesLeftRequeuesAfterTheSubmissionInterval() {
        SparkApplicationStatus persisted = h.decide(onFailure(3, 0), null, Observation.nothing()).status();

        Decision d = h.after(onFailure(3, 0), persisted, new SubmissionOutcome.Failed("boom"));

        assertEquals(Duration.ofSeconds(5), d.requeueAfter().orElseThrow());
    }

    @Test
    void restartMidSubmissionAdoptsTheDriverWithTheRecordedSubmissionId() {
        // Status persisted with the Submit decision, then the operator died; spark-submit had created the pod.
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision d = h.decide(neverSpec(), persisted, Observation.driver(driverPod("Pending", "new-1"), List.of()));

        assertEquals(AppState.SUBMITTED, d.status().state());
        assertFalse(d.submit().isPresent(), "no second spark-submit");
        assertEquals("new-1", d.status().submissionID());
        assertEquals(1, d.status().submissionAttemptCount());
        assertEquals(1, d.status().executionAttemptCount());
        assertEquals(List.of(EventReasons.APP_SUBMITTED), reasons(d));
    }

    @Test
    void aDriverOfAnotherSubmissionIsDeletedBeforeSubmitting() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision d = h.decide(neverSpec(), persisted, Observation.driver(driverPod("Running", "old"), List.of()));

        assertEquals(AppState.NEW, d.status().state());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertEquals(StateMachineConfig.DEFAULT_DELETION_POLL, d.requeueAfter().orElseThrow());
    }

    @Test
    void alreadyExistsWithTheSameSubmissionIdIsAdoption() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision d = h.after(neverSpec(), persisted,
                new SubmissionOutcome.DriverPodAlreadyExists(driverPod("Pending", "new-1")));

        assertEquals(AppState.SUBMITTED, d.status().state());
        assertEquals(DRIVER, d.status().driverInfo().podName());
        assertEquals(1, d.status().executionAttemptCount());
    }

    @Test
    void alreadyExistsFromAnOlderSubmissionDeletesItAndFailsTheAttempt() {
        SparkApplicationStatus persisted = h.decide(onFailure(2, 0), null, Observation.nothing()).status();

        Decision d = h.after(onFailure(2, 0), persisted,
                new SubmissionOutcome.DriverPodAlreadyExists(driverPod("Running", "old")));

        assertEquals(AppState.SUBMISSION_FAILED, d.status().state());
        assertEquals("driver pod already exist", d.status().applicationState().errorMessage());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertEquals(1, d.status().submissionAttemptCount());
    }

    @Test
    void afterSubmissionRejectsAStatusWithoutARecordedSubmission() {
        assertThrows(IllegalStateException.class,
                () -> h.after(neverSpec(), status(AppState.NEW, null, null), new SubmissionOutcome.Succeeded(DRIVER)));
        assertThrows(IllegalStateException.class,
                () -> h.after(neverSpec(), status(AppState.RUNNING), new SubmissionOutcome.Succeeded(DRIVER)));
    }

    @Test
    void secondStepForANewAppDoesNotRepeatTheAddedEvent() {
        SparkApplicationStatus persisted = h.decide(neverSpec(), null, Observation.nothing()).status();

        Decision again = h.decide(neverSpec(), persisted, Observation.nothing());

        assertEquals(List.of(), reasons(again));
        assertEquals("new-2", again.submit().orElseThrow().submissionId(), "a fresh ID for a fresh attempt");
        assertNull(persisted.terminationTime());
    }
}
