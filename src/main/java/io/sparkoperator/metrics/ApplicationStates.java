package io.sparkoperator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Rfc3339;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SparkApplications of the informer cache per state ({@code spark_operator_applications{state}}) and how long the
 * one that has waited longest has been in its state ({@code spark_operator_applications_longest_in_state_seconds}):
 * what an alert "stuck in SUBMITTED for more than 15 minutes" needs, since a count alone cannot tell one stuck app
 * from a steady stream passing through. Both are computed at scrape time; every state has a series (at 0), the
 * Go state {@code ""} is labelled {@code NEW}.
 *
 * <p>When a state began: {@code status.lastSubmissionAttemptTime} for SUBMITTED (spark-submit's start) and
 * {@code metadata.creationTimestamp} for NEW, which survive a restart; for the other states the first scrape that
 * saw the app in that state and attempt, so those ages are precise to one scrape interval and start again from 0
 * when the operator restarts.
 */
public final class ApplicationStates implements MultiCollector {
    static final String COUNT = "spark_operator_applications";
    static final String LONGEST = "spark_operator_applications_longest_in_state_seconds";
    private static final List<String> STATE = List.of("state");

    private final Supplier<? extends Collection<SparkApplication>> cachedApps;
    private final Clock clock;
    /** By uid: the state (and attempt) each app was in at the last scrape, and since when. Guarded by this. */
    private Map<String, Seen> seen = new HashMap<>();

    private record Seen(AppState state, int submissions, int executions, Instant since) {
        boolean sameRun(AppState otherState, int otherSubmissions, int otherExecutions) {
            return state == otherState && submissions == otherSubmissions && executions == otherExecutions;
        }
    }

    public ApplicationStates(Supplier<? extends Collection<SparkApplication>> cachedApps, Clock clock) {
        this.cachedApps = cachedApps;
        this.clock = clock;
    }

    /** The label value of a state: its status string, {@code NEW} for {@code ""} (an empty value is no label). */
    static String label(AppState state) {
        return state == AppState.NEW ? "NEW" : state.text();
    }

    @Override
    public synchronized MetricSnapshots collect() {
        Instant now = clock.instant();
        Map<AppState, Double> counts = new EnumMap<>(AppState.class);
        Map<AppState, Double> longest = new EnumMap<>(AppState.class);
        for (AppState state : AppState.values()) {
            counts.put(state, 0.0);
            longest.put(state, 0.0);
        }
        Map<String, Seen> next = new HashMap<>();
        for (SparkApplication app : cachedApps.get()) {
            SparkApplicationStatus status = app.getStatus();
            AppState state = status == null ? AppState.NEW : status.state();
            int submissions = status == null ? 0 : status.submissionAttemptCount();
            int executions = status == null ? 0 : status.executionAttemptCount();
            String key = key(app);
            Seen before = seen.get(key);
            Seen current = before != null && before.sameRun(state, submissions, executions) ? before
                    : new Seen(state, submissions, executions, now);
            next.put(key, current);
            Instant since = recordedStart(app, state);
            double age = Math.max(0, Duration.between(since == null ? current.since() : since, now).toMillis() / 1000.0);
            counts.merge(state, 1.0, Double::sum);
            longest.merge(state, age, Math::max);
        }
        seen = next; // apps gone from the cache are forgotten
        return MetricSnapshots.of(
                Gauges.of(COUNT, "SparkApplications in the operator's cache by status.applicationState.state",
                        STATE, byLabel(counts)),
                Gauges.of(LONGEST, "Seconds the application that has been longest in this state has been in it"
                        + " (0 when none is)", STATE, byLabel(longest)));
    }

    /** When the state began, where the object itself says so; null when only the operator's memory knows. */
    private static Instant recordedStart(SparkApplication app, AppState state) {
        SparkApplicationStatus status = app.getStatus();
        if (state == AppState.SUBMITTED && status != null) {
            return status.lastSubmissionAttemptTime();
        }
        if (state == AppState.NEW) {
            String created = app.getMetadata().getCreationTimestamp();
            return created == null || created.isBlank() ? null : Rfc3339.parse(created);
        }
        return null;
    }

    private static String key(SparkApplication app) {
        String uid = app.getMetadata().getUid();
        return uid != null ? uid : app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    }

    private static Map<List<String>, Double> byLabel(Map<AppState, Double> values) {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        values.forEach((state, value) -> out.put(List.of(label(state)), value));
        return out;
    }
}
