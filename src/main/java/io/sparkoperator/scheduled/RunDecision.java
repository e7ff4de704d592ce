package io.sparkoperator.scheduled;

import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a ScheduledSparkApplication should do, decided without touching the API: delete these
 * children (replaced or pruned runs), start this run (the child's name), write this status, record these events,
 * and come back after this delay (empty: only when something changes).
 */
public record RunDecision(
        List<String> deletions,
        Optional<String> runToStart,
        ScheduledSparkApplicationStatus status,
        List<RunEvent> events,
        Optional<Duration> requeueAfter) {
}
