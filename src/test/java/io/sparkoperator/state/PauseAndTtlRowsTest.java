package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.DRIVER;
import static io.sparkoperator.state.Fixtures.executorPod;
import static io.sparkoperator.state.Fixtures.neverSpec;
import static io.sparkoperator.state.Fixtures.spec;
import static io.sparkoperator.state.Fixtures.status;
import static io.sparkoperator.state.Harness.effects;
import static io.sparkoperator.state.Harness.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.ExecutorState;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rows spec change / INVALIDATING, suspend / SUSPENDING / SUSPENDED / RESUMING, and TTL of COMPLETED / FAILED. */
class PauseAndTtlRowsTest {
    private final Harness h = new Harness();
    private static final SparkApplicationSpec SUSPENDED_SPEC = spec("suspend: true");

    @ParameterizedTest
    @EnumSource(AppState.class)
    void anySpecChangeInvalidatesEvenTerminalApps(AppState state) {
        SparkApplicationStatus current = status(state);

        Decision d = h.decide(neverSpec(), current, Observation.nothing().withSpecChanged(true));

        if (state == AppState.INVALIDATING) {
            assertEquals(AppState.PENDING_RERUN, d.status().state(), "already invalidating: proceeds");
        } else {
            assertEquals(current.withApplicationState(
                    new ApplicationState(AppState.INVALIDATING, current.applicationState().errorMessage())), d.status(), "only the state changes");
            assertEquals(List.of(), effects(d));
            assertEquals(Duration.ZERO, d.requeueAfter().orElseThrow());
        }
    }

    @Test
    void invalidatingResetsEverythingIncludingAttempts() {
        SparkApplicationStatus invalidating = Fixtures.withError(status(AppState.INVALIDATING), "old error")
                .withSparkApplicationId("spark-1").withTerminationTime(Fixtures.T0)
                .withExecutorState(Map.of("e", ExecutorState.RUNNING)).withSubmissionAttempts(4)
                .withExecutionAttempts(3);

        Decision d = h.decide(neverSpec(), invalidating, Observation.nothing());

        assertEquals(AppState.PENDING_RERUN, d.status().state());
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertEquals(0, d.status().submissionAttemptCount());
        assertEquals(0, d.status().executionAttemptCount());
        assertNull(d.status().sparkApplicationId());
        assertNull(d.status().lastSubmissionAttemptTime());
        assertNull(d.status().terminationTime());
        assertNull(d.status().applicationState().errorMessage());
        assertNull(d.status().driverInfo().podName());
        assertNull(d.status().executorState());
    }

    @ParameterizedTest
    @EnumSource(value = AppState.class, names = {"COMPLETED", "FAILED", "SUSPENDED", "SUSPENDING"},
            mode = EnumSource.Mode.EXCLUDE)
    void suspendTrueMovesEveryOtherStateToSuspending(AppState state) {
        Decision d = h.decide(SUSPENDED_SPEC, status(state), Observation.nothing());

        assertEquals(AppState.SUSPENDING, d.status().state());
        assertEquals(List.of(), effects(d), "status update only");
    }

    @ParameterizedTest
    @EnumSource(value = AppState.class, names = {"COMPLETED", "FAILED"})
    void suspendDoesNotTouchFinishedApps(AppState state) {
        assertEquals(state, h.decide(SUSPENDED_SPEC, status(state), Observation.nothing()).status().state());
    }

    @Test
    void suspendingDeletesResourcesAndClearsTheRun() {
        SparkApplicationStatus suspending = Fixtures.withError(status(AppState.SUSPENDING), "x")
                .withSparkApplicationId("spark-1").withExecutorState(Map.of("e", ExecutorState.RUNNING));

        Decision d = h.decide(SUSPENDED_SPEC, suspending, Observation.nothing());

        assertEquals(AppState.SUSPENDED, d.status().state());
        assertEquals(List.of(EventReasons.APP_SUSPENDING), reasons(d));
        assertEquals(List.of(new Action.DeleteSubmissionResources(DRIVER)), effects(d));
        assertNull(d.status().sparkApplicationId());
        assertNull(d.status().applicationState().errorMessage());
        assertNull(d.status().driverInfo().podName());
        assertNull(d.status().executorState());
        assertEquals(1, d.status().executionAttemptCount());
    }

    @Test
    void suspendedResumesWhenUnsuspendedAndResourcesAreGone() {
        Decision d = h.decide(neverSpec(), status(AppState.SUSPENDED, null, null), Observation.nothing());

        assertEquals(AppState.RESUMING, d.status().state());
        assertEquals(List.of(EventReasons.APP_SUSPENDED), reasons(d));
    }

    @Test
    void suspendedStaysWhileSuspendedOrResourcesRemain() {
        SparkApplicationStatus suspended = status(AppState.SUSPENDED, null, null);

        Decision stillSuspended = h.decide(SUSPENDED_SPEC, suspended, Observation.nothing());
        Decision leftovers = h.decide(neverSpec(), suspended, Observation.nothing().withSubmissionResourcesExist(true));

        assertEquals(suspended, stillSuspended.status());
        assertEquals(List.of(), stillSuspended.actions());
        assertEquals(AppState.SUSPENDED, leftovers.status().state());
        assertTrue(leftovers.has(Action.DeleteSubmissionResources.class));
    }

    @Test
    void resumingSubmits() {
        Decision d = h.decide(neverSpec(), status(AppState.RESUMING, null, null), Observation.nothing());

        assertEquals(List.of(EventReasons.APP_RESUMING), reasons(d));
        assertEquals(new Action.Submit("new-1"), d.submit().orElseThrow());
        assertEquals(AppState.SUBMITTED,
                h.after(neverSpec(), d.status(), new SubmissionOutcome.Succeeded(DRIVER)).status().state());
        assertEquals(AppState.SUBMISSION_FAILED,
                h.after(neverSpec(), d.status(), new SubmissionOutcome.Failed("x")).status().state());
    }

    private SparkApplicationStatus finished(AppState state, Duration ago) {
        return status(state).withTerminationTime(h.now().minus(ago));
    }

    @ParameterizedTest
    @EnumSource(value = AppState.class, names = {"COMPLETED", "FAILED"})
    void expiredTtlDeletesTheApplication(AppState state) {
        Decision d = h.decide(spec("timeToLiveSeconds: 60"), finished(state, Duration.ofSeconds(61)),
                Observation.nothing());

        assertEquals(List.of(new Action.DeleteApplication()), effects(d));
    }

    @Test
    void ttlNotExpiredRequeuesForTheRest() {
        Decision d = h.decide(spec("timeToLiveSeconds: 60"), finished(AppState.COMPLETED, Duration.ofSeconds(20)),
                Observation.nothing());

        assertFalse(d.has(Action.DeleteApplication.class));
        assertEquals(Duration.ofSeconds(40).plusMillis(1), d.requeueAfter().orElseThrow());
    }

    @Test
    void zeroOrNegativeTtlExpiresAtOnce() {
        assertTrue(h.decide(spec("timeToLiveSeconds: 0"), finished(AppState.FAILED, Duration.ZERO),
                Observation.nothing()).has(Action.DeleteApplication.class));
        assertTrue(h.decide(spec("timeToLiveSeconds: -5"), finished(AppState.FAILED, Duration.ZERO),
                Observation.nothing()).has(Action.DeleteApplication.class));
    }

    @Test
    void operatorDefaultTtlAppliesOnlyWithoutSpecTtl() {
        Harness withDefault = new Harness(StateMachineConfig.defaults().withDefaultTimeToLive(Duration.ofMinutes(5)));
        SparkApplicationStatus done = status(AppState.COMPLETED).withTerminationTime(withDefault.now().minusSeconds(301));

        assertTrue(withDefault.decide(neverSpec(), done, Observation.nothing()).has(Action.DeleteApplication.class));
        assertFalse(withDefault.decide(spec("timeToLiveSeconds: 3600"), done, Observation.nothing())
                .has(Action.DeleteApplication.class));
        Decision noTtl = h.decide(neverSpec(), done, Observation.nothing());
        assertEquals(List.of(), noTtl.actions(), "no TTL: nothing to do, no requeue");
    }

    @Test
    void finishedAppsFinaliseMissingExecutors() {
        Map<String, ExecutorState> tracked = Map.of("exec-1", ExecutorState.RUNNING, "exec-2", ExecutorState.PENDING,
                "exec-3", ExecutorState.FAILED, "exec-4", ExecutorState.RUNNING);
        List<io.fabric8.kubernetes.api.model.Pod> stillThere = List.of(executorPod("exec-4", "Succeeded", 4, null));

        Decision completed = h.decide(neverSpec(), finished(AppState.COMPLETED, Duration.ZERO)
                .withExecutorState(tracked), Observation.driver(null, stillThere));
        Decision failed = h.decide(neverSpec(), finished(AppState.FAILED, Duration.ZERO)
                .withExecutorState(tracked), Observation.driver(null, stillThere));

        assertEquals(Map.of("exec-1", ExecutorState.COMPLETED, "exec-2", ExecutorState.COMPLETED,
                "exec-3", ExecutorState.FAILED, "exec-4", ExecutorState.COMPLETED), completed.status().executorState());
        assertEquals(Map.of("exec-1", ExecutorState.FAILED, "exec-2", ExecutorState.FAILED,
                "exec-3", ExecutorState.FAILED, "exec-4", ExecutorState.COMPLETED), failed.status().executorState());
    }
}
