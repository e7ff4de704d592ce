package io.sparkoperator.scheduled;

import io.sparkoperator.api.AppState;
import java.time.Instant;
import java.util.Comparator;

/**
 * What the ScheduledSparkApplication decision needs to know about one child SparkApplication: its name, when it
 * was created ({@code null} if unknown) and its persisted state.
 */
public record ChildRun(String name, Instant createdAt, AppState state) {
    /** Newest first: by creation time, then by name (names end in the scheduled Unix time). */
    static final Comparator<ChildRun> NEWEST_FIRST = Comparator
            .comparing(ChildRun::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ChildRun::name, Comparator.reverseOrder());

    public boolean finished() {
        return state.isTerminal();
    }
}
