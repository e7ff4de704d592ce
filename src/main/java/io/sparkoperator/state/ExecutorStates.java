package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.ExecutorState;
import io.sparkoperator.api.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code status.executorState} from the executor pods (reference 4.2, "Executor tracking"): pod phase -> state,
 * executors above the tracking limit ignored, and a tracked non-terminal executor that disappeared becomes UNKNOWN
 * while the app is RUNNING, else COMPLETED (app COMPLETED) or FAILED.
 *
 * @param states the new map (sorted by pod name, so equal inputs give equal statuses)
 * @param sparkApplicationId the {@code spark-app-selector} of the first executor carrying one, or {@code null}
 * @param events one event per executor whose state is new or changed
 */
public record ExecutorStates(Map<String, ExecutorState> states, String sparkApplicationId,
        List<Action.RecordEvent> events) {

    public static ExecutorStates update(Map<String, ExecutorState> previous, List<Pod> executorPods, AppState appState,
            int maxTracked) {
        Map<String, ExecutorState> old = previous == null ? Map.of() : previous;
        Map<String, ExecutorState> seen = new LinkedHashMap<>();
        List<Action.RecordEvent> events = new ArrayList<>();
        String appId = null;
        List<Pod> pods = executorPods.stream().sorted(Comparator.comparing(PodLabels::name)).toList();
        for (Pod pod : pods) {
            if (aboveLimit(pod, maxTracked)) {
                continue;
            }
            String name = PodLabels.name(pod);
            ExecutorState state = stateOf(pod);
            if (old.get(name) != state) {
                events.add(event(name, state));
            }
            seen.put(name, state);
            if (appId == null) {
                appId = PodLabels.sparkApplicationId(pod);
            }
        }
        Map<String, ExecutorState> result = new TreeMap<>(old);
        result.putAll(seen);
        old.forEach((name, state) -> {
            if (!seen.containsKey(name) && !state.isTerminal()) {
                result.put(name, missing(appState));
            }
        });
        return new ExecutorStates(result.isEmpty() && previous == null ? null : Collections.unmodifiableMap(result), appId,
                List.copyOf(events));
    }

    /** State of an executor whose pod is gone while it was last seen non-terminal. */
    static ExecutorState missing(AppState appState) {
        return switch (appState) {
            case RUNNING -> ExecutorState.UNKNOWN;
            case COMPLETED -> ExecutorState.COMPLETED;
            default -> ExecutorState.FAILED;
        };
    }

    static ExecutorState stateOf(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return switch (phase == null ? "" : phase) {
            case "Pending" -> ExecutorState.PENDING;
            case "Running" -> ExecutorState.RUNNING;
            case "Succeeded" -> ExecutorState.COMPLETED;
            case "Failed" -> ExecutorState.FAILED;
            default -> ExecutorState.UNKNOWN;
        };
    }

    private static boolean aboveLimit(Pod pod, int maxTracked) {
        String id = PodLabels.label(pod, Labels.SPARK_EXEC_ID);
        if (id == null) {
            return false;
        }
        try {
            return Long.parseLong(id.trim()) > maxTracked;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static Action.RecordEvent event(String pod, ExecutorState state) {
        return switch (state) {
            case PENDING -> Action.RecordEvent.normal(EventReasons.EXECUTOR_PENDING, "Executor " + pod + " is pending");
            case RUNNING -> Action.RecordEvent.normal(EventReasons.EXECUTOR_RUNNING, "Executor " + pod + " is running");
            case COMPLETED -> Action.RecordEvent.normal(EventReasons.EXECUTOR_COMPLETED,
                    "Executor " + pod + " completed");
            case FAILED -> Action.RecordEvent.warning(EventReasons.EXECUTOR_FAILED, "Executor " + pod + " failed");
            case UNKNOWN -> Action.RecordEvent.warning(EventReasons.EXECUTOR_UNKNOWN,
                    "Executor " + pod + " is in an unknown state");
        };
    }
}
