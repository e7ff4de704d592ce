package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.DRIVER;
import static io.sparkoperator.state.Fixtures.driverPod;
import static io.sparkoperator.state.Fixtures.onFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator dies after persisting a submission ID and after spark-submit created the driver, before the
 * outcome is recorded. Whatever pre-submit state it was in, the next step adopts that driver: one driver, never two.
 */
class RestartMidSubmissionTest {
    private final Harness h = new Harness();

    @Test
    void rerunAdoptsTheNewDriverButNeverTheOldOne() {
        // A failed run goes to PENDING_RERUN; its driver still exists with the old submission ID.
        SparkApplicationStatus failing = Fixtures.withError(Fixtures.status(AppState.FAILING), "x")
                .withTerminationTime(h.now().minusSeconds(60));
        SparkApplicationStatus rerun = h.decide(onFailure(3, 3), failing, Observation.nothing()).status();
        assertEquals(AppState.PENDING_RERUN, rerun.state());

        Decision blocked = h.decide(onFailure(3, 3), rerun, Observation.driver(driverPod("Failed", "sub-1"), List.of()));
        assertFalse(blocked.submit().isPresent(), "the old driver is not adopted");
        assertTrue(blocked.has(Action.DeleteSubmissionResources.class));

        Decision submit = h.decide(onFailure(3, 3), rerun, Observation.nothing());
        String newId = submit.submit().orElseThrow().submissionId();
        // crash: the outcome of spark-submit is lost, but the pod exists with the new ID
        Decision adopted = h.decide(onFailure(3, 3), submit.status(),
                Observation.driver(driverPod("Running", newId), List.of()));

        assertEquals(AppState.SUBMITTED, adopted.status().state());
        assertEquals(newId, adopted.status().submissionID());
        assertEquals(DRIVER, adopted.status().driverInfo().podName());
        assertEquals(2, adopted.status().executionAttemptCount());
        assertEquals(Duration.ZERO, adopted.requeueAfter().orElseThrow(), "follows the driver at once");
        assertFalse(adopted.submit().isPresent());
    }

    @Test
    void resumingAdoptsItsOwnDriver() {
        SparkApplicationStatus resuming = Fixtures.status(AppState.RESUMING, null, null);
        Decision submit = h.decide(Fixtures.neverSpec(), resuming, Observation.nothing());
        String id = submit.submit().orElseThrow().submissionId();

        Decision adopted = h.decide(Fixtures.neverSpec(), submit.status(),
                Observation.driver(driverPod("Pending", id), List.of()));

        assertEquals(AppState.SUBMITTED, adopted.status().state());
    }

    @Test
    void decisionsMergeRequeuesIntoOneShortestAtTheEnd() {
        Step step = new Step(Fixtures.status(AppState.RUNNING));
        step.requeueAfter(Duration.ofSeconds(9)).act(new Action.EnsureUiService())
                .act(new Action.RequeueAfter(Duration.ofSeconds(3))).requeueAfter(Duration.ofSeconds(5));

        Decision d = step.decision();

        assertEquals(List.of(new Action.EnsureUiService(), new Action.RequeueAfter(Duration.ofSeconds(3))),
                d.actions());
    }
}
