package io.sparkoperator.scheduled;

import io.sparkoperator.api.AppState;
import java.util.ArrayList;
import java.util.List;

/**
 * The run history derived from the children as they are now: the newest {@code successfulLimit} COMPLETED and
 * {@code failedLimit} FAILED runs are kept (newest first), older finished runs are to be deleted. Running children
 * are never pruned.
 */
record RunHistory(List<String> successful, List<String> failed, List<String> toPrune) {

    static RunHistory of(List<ChildRun> children, int successfulLimit, int failedLimit) {
        List<ChildRun> newestFirst = children.stream().sorted(ChildRun.NEWEST_FIRST).toList();
        List<String> successful = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> toPrune = new ArrayList<>();
        for (ChildRun run : newestFirst) {
            if (run.state() == AppState.COMPLETED) {
                (successful.size() < successfulLimit ? successful : toPrune).add(run.name());
            } else if (run.state() == AppState.FAILED) {
                (failed.size() < failedLimit ? failed : toPrune).add(run.name());
            }
        }
        return new RunHistory(List.copyOf(successful), List.copyOf(failed), List.copyOf(toPrune));
    }
}
