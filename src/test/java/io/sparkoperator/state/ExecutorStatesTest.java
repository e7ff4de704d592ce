package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.executorPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.ExecutorState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorStatesTest {

    @Test
    void podPhasesMapToExecutorStatesWithEventsOnlyForChanges() {
        ExecutorStates result = ExecutorStates.update(Map.of("e1", ExecutorState.RUNNING),
                List.of(executorPod("e1", "Running", 1, "app-1"), executorPod("e2", "Pending", 2, null),
                        executorPod("e3", "Succeeded", 3, null), executorPod("e4", "Failed", 4, null),
                        executorPod("e5", "Weird", 5, null)),
                AppState.RUNNING, 1000);

        assertEquals(Map.of("e1", ExecutorState.RUNNING, "e2", ExecutorState.PENDING, "e3", ExecutorState.COMPLETED,
                "e4", ExecutorState.FAILED, "e5", ExecutorState.UNKNOWN), result.states());
        assertEquals(List.of(EventReasons.EXECUTOR_PENDING, EventReasons.EXECUTOR_COMPLETED,
                EventReasons.EXECUTOR_FAILED, EventReasons.EXECUTOR_UNKNOWN),
                result.events().stream().map(Action.RecordEvent::reason).toList());
        assertEquals("app-1", result.sparkApplicationId());
    }

    @Test
    void executorsAboveTheTrackingLimitAreIgnored() {
        ExecutorStates result = ExecutorStates.update(null,
                List.of(executorPod("e1", "Running", 1, null), executorPod("e3", "Running", 3, null)),
                AppState.RUNNING, 2);

        assertEquals(Map.of("e1", ExecutorState.RUNNING), result.states());
    }

    @Test
    void missingNonTerminalExecutorsAreUnknownWhileRunningElseFailedOrCompleted() {
        Map<String, ExecutorState> tracked = Map.of("gone-running", ExecutorState.RUNNING,
                "gone-pending", ExecutorState.PENDING, "gone-completed", ExecutorState.COMPLETED);

        assertEquals(Map.of("gone-running", ExecutorState.UNKNOWN, "gone-pending", ExecutorState.UNKNOWN,
                "gone-completed", ExecutorState.COMPLETED),
                ExecutorStates.update(tracked, List.of(), AppState.RUNNING, 1000).states());
        assertEquals(Map.of("gone-running", ExecutorState.FAILED, "gone-pending", ExecutorState.FAILED,
                "gone-completed", ExecutorState.COMPLETED),
                ExecutorStates.update(tracked, List.of(), AppState.FAILING, 1000).states());
        assertEquals(Map.of("gone-running", ExecutorState.COMPLETED, "gone-pending", ExecutorState.COMPLETED,
                "gone-completed", ExecutorState.COMPLETED),
                ExecutorStates.update(tracked, List.of(), AppState.COMPLETED, 1000).states());
    }

    @Test
    void noExecutorsEverMeansNoMap() {
        ExecutorStates result = ExecutorStates.update(null, List.of(), AppState.RUNNING, 1000);
        assertNull(result.states());
        assertNull(result.sparkApplicationId());
    }
}
