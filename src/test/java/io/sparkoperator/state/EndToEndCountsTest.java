package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.DRIVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The counts users rely on (the Go operator's e2e tests), by driving the machine in a loop on a fake clock. */
class EndToEndCountsTest {

    @Test
    void submissionFailuresWithThreeRetriesEndFailedAfterFourAttempts() {
        Simulator sim = new Simulator(Fixtures.onFailure(3, 3),
                id -> new SubmissionOutcome.Failed("failed to submit spark application: failed to run spark-submit: exit status 1"),
                List.of("Pending"), -1).runToEnd(100);

        assertEquals(AppState.FAILED, sim.app.getStatus().state());
        assertEquals(4, sim.app.getStatus().submissionAttemptCount());
        assertEquals(0, sim.app.getStatus().executionAttemptCount());
        assertEquals(4, sim.sparkSubmits);
        assertTrue(sim.app.getStatus().applicationState().errorMessage().startsWith("failed to submit spark application"));
        assertTrue(sim.app.getStatus().terminationTime() != null);
        assertSubset(EnumSet.of(AppState.NEW, AppState.SUBMISSION_FAILED), sim);
        // interval 5 s x submissionAttempts: 5, 10, 15 s between attempts
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15)),
                sim.retryWaits.stream().filter(d -> !d.isZero()).toList());
    }

    @Test
    void runFailuresWithThreeRetriesEndFailedAfterFourExecutions() {
        Simulator sim = new Simulator(Fixtures.onFailure(3, 3), id -> new SubmissionOutcome.Succeeded(DRIVER),
                List.of("Pending", "Running", "Failed"), 1).runToEnd(200);

        assertEquals(AppState.FAILED, sim.app.getStatus().state());
        assertEquals(4, sim.app.getStatus().executionAttemptCount());
        assertEquals(4, sim.app.getStatus().submissionAttemptCount());
        assertTrue(sim.app.getStatus().applicationState().errorMessage().contains("driver container failed"),
                sim.app.getStatus().applicationState().errorMessage());
        assertEquals(4, sim.driversCreated);
        assertSubset(EnumSet.of(AppState.NEW, AppState.SUBMITTED, AppState.RUNNING, AppState.FAILING,
                AppState.PENDING_RERUN), sim);
        assertTrue(sim.persistedStates.containsAll(List.of(AppState.SUBMITTED, AppState.RUNNING, AppState.FAILING,
                AppState.PENDING_RERUN)), sim.persistedStates::toString);
        // Backoff multiplies by executionAttempts (1, 2, 3), not by submissionAttempts, measured from the failure.
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15)),
                sim.retryWaits.stream().filter(d -> !d.isZero()).toList());
    }

    @Test
    void successCompletesOnceAndTheTtlDeletesTheApp() {
        Simulator sim = new Simulator(Fixtures.spec("timeToLiveSeconds: 30"),
                id -> new SubmissionOutcome.Succeeded(DRIVER), List.of("Pending", "Running", "Succeeded"), 0)
                .runToEnd(100);

        assertTrue(sim.deleted);
        assertEquals(AppState.COMPLETED, sim.app.getStatus().state());
        assertEquals(1, sim.app.getStatus().executionAttemptCount());
        assertEquals(List.of(AppState.NEW, AppState.SUBMITTED, AppState.SUBMITTED, AppState.RUNNING,
                AppState.SUCCEEDING, AppState.COMPLETED, AppState.COMPLETED, AppState.COMPLETED), sim.persistedStates,
                "completed, waited for the TTL, deleted");
        assertEquals(Fixtures.T0.plus(Duration.ofHours(1)).plusSeconds(10).plusSeconds(30),
                sim.h.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "grace requeue then the 30 s TTL");
    }

    @Test
    void alwaysRerunsAfterSuccessWithoutWaiting() {
        Simulator sim = new Simulator(Fixtures.always(), id -> new SubmissionOutcome.Succeeded(DRIVER),
                List.of("Running", "Succeeded"), 0);

        // Always never reaches a terminal state; any other failure (e.g. a second driver at once) must surface.
        AssertionError neverEnds = assertThrows(AssertionError.class, () -> sim.runToEnd(60));
        assertTrue(neverEnds.getMessage().startsWith("no end after 60 steps"), neverEnds::getMessage);

        assertTrue(sim.driversCreated >= 5, "reruns: " + sim.driversCreated);
        assertTrue(sim.retryWaits.stream().allMatch(Duration::isZero), "no retry interval after success");
    }

    private static void assertSubset(Set<AppState> allowed, Simulator sim) {
        List<AppState> intermediate = sim.persistedStates.subList(0, sim.persistedStates.size() - 1).stream()
                .filter(s -> s != AppState.FAILED).toList();
        assertTrue(allowed.containsAll(intermediate), "intermediate states " + sim.persistedStates);
    }
}
