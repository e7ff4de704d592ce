package io.sparkoperator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.SparkApplicationStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every persisted state has exactly one Lifecycle record, round-trips, and is handled by the machine. */
class LifecycleExhaustivenessTest {

    /** Compile-time check: adding a Lifecycle record without a case here does not compile. */
    private static String describe(Lifecycle state) {
        return switch (state) {
            case Lifecycle.New s -> "new";
            case Lifecycle.Submitted s -> "submitted";
            case Lifecycle.Running s -> "running";
            case Lifecycle.Unknown s -> "unknown";
            case Lifecycle.Succeeding s -> "succeeding";
            case Lifecycle.Failing s -> "failing";
            case Lifecycle.Completed s -> "completed";
            case Lifecycle.Failed s -> "failed";
            case Lifecycle.SubmissionFailed s -> "submission failed";
            case Lifecycle.PendingRerun s -> "pending rerun";
            case Lifecycle.Invalidating s -> "invalidating";
            case Lifecycle.Suspending s -> "suspending";
            case Lifecycle.Suspended s -> "suspended";
            case Lifecycle.Resuming s -> "resuming";
        };
    }

    @Test
    void oneRecordPerPersistedState() {
        Set<Class<?>> records = Set.of(Lifecycle.class.getPermittedSubclasses());
        assertEquals(AppState.values().length, records.size());
        Set<Class<?>> produced = new java.util.HashSet<>();
        for (AppState state : AppState.values()) {
            Lifecycle lifecycle = Lifecycle.of(Fixtures.status(state));
            assertEquals(state, lifecycle.appState());
            assertNotNull(describe(lifecycle));
            produced.add(lifecycle.getClass());
        }
        assertEquals(records, produced, "each state maps to its own record");
    }

    @Test
    void exactPersistedStrings() {
        List<String> texts = Arrays.stream(AppState.values()).map(AppState::text).toList();
        assertEquals(List.of("", "SUBMITTED", "RUNNING", "SUCCEEDING", "COMPLETED", "FAILING", "FAILED",
                "SUBMISSION_FAILED", "PENDING_RERUN", "INVALIDATING", "SUSPENDING", "SUSPENDED", "RESUMING", "UNKNOWN"),
                texts);
        for (AppState state : AppState.values()) {
            String json = ApiJson.toJson(Fixtures.status(state));
            assertTrue(json.contains("\"state\":\"" + state.text() + "\""), json);
            SparkApplicationStatus back = ApiJson.parse(json, SparkApplicationStatus.class);
            assertEquals(state, Lifecycle.of(back).appState());
        }
    }

    @Test
    void recordsCarryTheirData() {
        SparkApplicationStatus failing = Fixtures.withError(Fixtures.status(AppState.FAILING), "boom")
                .withTerminationTime(Fixtures.T0);
        assertEquals(new Lifecycle.Failing("boom", Fixtures.T0), Lifecycle.of(failing));
        assertEquals(new ApplicationState(AppState.FAILING, "boom"), Lifecycle.of(failing).applicationState());
        Lifecycle.Submitted submitted = (Lifecycle.Submitted) Lifecycle.of(Fixtures.status(AppState.SUBMITTED));
        assertEquals("sub-1", submitted.submission().orElseThrow().id());
        assertEquals(Fixtures.DRIVER, submitted.driverPodName());
        assertEquals(new Lifecycle.New(java.util.Optional.empty()), Lifecycle.of(null));
    }

    @ParameterizedTest
    @EnumSource(AppState.class)
    void theMachineHandlesEveryStateWithALegalTransition(AppState state) {
        Harness h = new Harness();
        for (Observation observed : List.of(Observation.nothing(),
                Observation.driver(Fixtures.driverPod("Running", "sub-1"), List.of()),
                Observation.nothing().withSubmissionResourcesExist(true))) {
            for (var spec : List.of(Fixtures.neverSpec(), Fixtures.always(), Fixtures.onFailure(3, 3))) {
                Decision d = h.decide(spec, Fixtures.status(state), observed);
                assertTrue(Transitions.isLegal(state, d.status().state()), state + " -> " + d.status().state());
                assertTrue(d.requeueAfter().isEmpty()
                        || d.actions().get(d.actions().size() - 1) instanceof Action.RequeueAfter,
                        "requeue is last");
            }
        }
    }

    @Test
    void illegalTransitionsAreRejectedWithAClearMessage() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> Transitions.requireLegal(AppState.COMPLETED, AppState.RUNNING));
        assertEquals("illegal SparkApplication state transition \"COMPLETED\" -> \"RUNNING\"", e.getMessage());
        assertThrows(IllegalTransitionException.class,
                () -> new Step(Fixtures.status(AppState.NEW)).moveTo(AppState.RUNNING));
        assertThrows(IllegalTransitionException.class,
                () -> new Step(Fixtures.status(AppState.FAILED)).moveTo(AppState.SUSPENDING));
    }

    @Test
    void transitionTableMatchesTheReference() {
        assertEquals(EnumSet.of(AppState.SUBMITTED, AppState.SUBMISSION_FAILED), Transitions.successors(AppState.NEW));
        assertEquals(EnumSet.of(AppState.COMPLETED, AppState.PENDING_RERUN),
                Transitions.successors(AppState.SUCCEEDING));
        assertTrue(Transitions.successors(AppState.COMPLETED).isEmpty());
        for (AppState from : AppState.values()) {
            assertTrue(Transitions.isLegal(from, from), "staying is legal");
            assertTrue(Transitions.isLegal(from, AppState.INVALIDATING), "spec change from " + from);
            assertEquals(!from.isTerminal() && from != AppState.SUSPENDED,
                    Transitions.isLegal(from, AppState.SUSPENDING), "suspend from " + from);
        }
        assertFalse(Transitions.isLegal(AppState.FAILING, AppState.SUBMITTED), "a failed run never resubmits directly");
        assertFalse(Transitions.isLegal(AppState.SUSPENDED, AppState.SUBMITTED), "resume goes through RESUMING");
    }
}
