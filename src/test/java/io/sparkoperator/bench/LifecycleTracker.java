package io.sparkoperator.bench;

import io.sparkoperator.bench.apiserver.ObjectStore;
import io.sparkoperator.bench.apiserver.WatchEventView;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches the store for the benchmark's SparkApplications reaching SUBMITTED (or any later state) and COMPLETED,
 * and notes when the last one did. Failed states are counted: a benchmark whose apps fail measures nothing.
 */
final class LifecycleTracker {
    static final String APPS = "sparkoperator.k8s.io/sparkapplications";
    private static final Set<String> SUBMITTED_OR_LATER = Set.of("SUBMITTED", "RUNNING", "SUCCEEDING", "COMPLETED",
            "FAILING", "FAILED");
    private static final Set<String> FAILURES = Set.of("FAILED", "SUBMISSION_FAILED", "FAILING");

    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> submittedAtNanos = new ConcurrentHashMap<>();
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Predicate<String> batch;
    private final CountDownLatch allSubmitted;
    private final CountDownLatch allCompleted;
    private volatile long lastSubmittedNanos;
    private volatile long lastCompletedNanos;

    LifecycleTracker(ObjectStore store, int apps) {
        this(store, apps, name -> true);
    }

    /** Follows only the apps whose names {@code batch} accepts. */
    LifecycleTracker(ObjectStore store, int apps, Predicate<String> batch) {
        this.batch = batch;
        allSubmitted = new CountDownLatch(apps);
        allCompleted = new CountDownLatch(apps);
        store.listen(this::seen);
    }

    private void seen(WatchEventView event) {
        if (!event.kind().equals(APPS) || !event.type().equals("MODIFIED") || !batch.test(event.name())) {
            return;
        }
        String state = event.object().path("status").path("applicationState").path("state").asText("");
        String key = event.namespace() + "/" + event.name();
        if (SUBMITTED_OR_LATER.contains(state) && submitted.add(key)) {
            lastSubmittedNanos = System.nanoTime();
            submittedAtNanos.put(event.name(), lastSubmittedNanos);
            allSubmitted.countDown();
        }
        if (state.equals("COMPLETED") && completed.add(key)) {
            lastCompletedNanos = System.nanoTime();
            allCompleted.countDown();
        }
        if (FAILURES.contains(state)) {
            failed.add(key + " " + state + " " + event.object().path("status").path("applicationState")
                    .path("errorMessage").asText(""));
        }
    }

    boolean awaitSubmitted(Duration bound) throws InterruptedException {
        return allSubmitted.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitCompleted(Duration bound) throws InterruptedException {
        return allCompleted.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    long lastSubmittedNanos() {
        return lastSubmittedNanos;
    }

    long lastCompletedNanos() {
        return lastCompletedNanos;
    }

    /** When each app (by name) was first seen SUBMITTED or later, {@link System#nanoTime()}. */
    Map<String, Long> submittedAtNanos() {
        return Map.copyOf(submittedAtNanos);
    }

    int submitted() {
        return submitted.size();
    }

    int completed() {
        return completed.size();
    }

    Set<String> failed() {
        return Set.copyOf(failed);
    }
}
