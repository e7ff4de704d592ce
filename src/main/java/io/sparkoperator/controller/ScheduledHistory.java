package io.sparkoperator.controller;

import io.sparkoperator.api.AppState;
import java.util.ArrayList;
import java.util.List;

/**
 * The run history derived from the children as they are now: the newest {@code successfulLimit} COMPLETED and
 * {@code failedLimit} FAILED runs are kept (newest first), older finished runs are to be deleted. Running children
 * are never pruned.
 */
record ScheduledHistory(List<String> successful, List<String> failed, List<String> toPrune) {

    static ScheduledHistory of(List<ScheduledRun> children, int successfulLimit, int failedLimit) {
        List<ScheduledRun> newestFirst = children.stream().sorted(ScheduledRun.NEWEST_FIRST).toList();
        List<String> successful = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> toPrune = new ArrayList<>();
        for (ScheduledRun run : newestFirst) {
            if (run.state() == AppState.COMPLETED) {
                (successful.size() < successfulLimit ? successful : toPrune).add(run.name());
            } else if (run.state() == AppState.FAILED) {
                (failed.size() < failedLimit ? failed : toPrune).add(run.name());
            }
        }
        return new ScheduledHistory(List.copyOf(successful), List.copyOf(failed), List.copyOf(toPrune));
    }
}
