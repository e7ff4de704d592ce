package io.sparkoperator.scheduled;

import io.sparkoperator.api.ConcurrencyPolicy;
import io.sparkoperator.api.ScheduleState;
import io.sparkoperator.api.ScheduledSparkApplicationSpec;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import io.sparkoperator.schedule.Schedule;
import io.sparkoperator.sparkapp.SparkApplications;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ScheduledSparkApplication controller logic as a pure function of (spec, status, children, now). The stored
 * {@code nextRun} is the armed tick: when it is due, at most one run starts (however many ticks were missed) and the
 * next tick is armed from now. A stored tick the current schedule would not produce (the schedule was edited) is
 * re-armed. Children are named after the tick they run for, so a pass repeated after a failed status write finds
 * its run instead of starting a second one.
 */
public final class RunDecider {
    private RunDecider() {
    }

    /**
     * @param name         the ScheduledSparkApplication's name (children are {@code <name>-<tick Unix seconds>})
     * @param createdAt    its creationTimestamp, or null; ticks since creation count as missed on first sight
     * @param children     its child SparkApplications that are not being deleted
     * @param operatorZone the zone of schedules that name none
     */
    public static RunDecision decide(String name, Instant createdAt, ScheduledSparkApplicationSpec spec,
                                           ScheduledSparkApplicationStatus status, List<ChildRun> children,
                                           Instant now, ZoneId operatorZone) {
        ScheduledSparkApplicationStatus current = status != null ? status
                : new ScheduledSparkApplicationStatus(null, null, null, null, null, null, null);
        Instant nowSeconds = now.truncatedTo(ChronoUnit.SECONDS);
        return switch (SpecCheck.of(spec, operatorZone)) {
            case SpecCheck.Invalid invalid -> invalid(current, invalid.reason());
            case SpecCheck.Valid valid -> {
                RunHistory history = RunHistory.of(children, valid.successfulLimit(), valid.failedLimit());
                yield Boolean.TRUE.equals(spec.suspend())
                        ? suspended(current, history)
                        : onSchedule(name, createdAt, spec, current, children, history, valid.schedule(), nowSeconds);
            }
        };
    }

    /** A manifest the model cannot read: handled like an invalid spec, with the reading error as the reason. */
    static RunDecision unreadable(ScheduledSparkApplicationStatus status, String reason) {
        return invalid(status != null ? status
                : new ScheduledSparkApplicationStatus(null, null, null, null, null, null, null), reason);
    }

    /**
     * The API server refused to store the tick's run (its admission policy, or a rule of the SparkApplication CRD
     * the template breaks): FailedValidation with the server's words, tried again after {@code retryAfter} (a policy
     * can change without an edit of the schedule).
     */
    static RunDecision runRefused(ScheduledSparkApplicationStatus status, String reason, Duration retryAfter) {
        RunDecision refused = unreadable(status, reason);
        return new RunDecision(List.of(), Optional.empty(), refused.status(), refused.events(), Optional.of(retryAfter));
    }

    /** A spec the operator cannot act on: no runs, no deletions, the reason in status; an edit brings it back. */
    private static RunDecision invalid(ScheduledSparkApplicationStatus current, String reason) {
        ScheduledSparkApplicationStatus status = new ScheduledSparkApplicationStatus(current.lastRun(), null,
                current.lastRunName(), current.pastSuccessfulRunNames(), current.pastFailedRunNames(),
                ScheduleState.FAILED_VALIDATION, reason);
        boolean news = current.scheduleState() != ScheduleState.FAILED_VALIDATION || !reason.equals(current.reason());
        List<RunEvent> events = news
                ? List.of(new RunEvent(true, RunEvent.FAILED_VALIDATION, reason)) : List.of();
        return new RunDecision(List.of(), Optional.empty(), status, events, Optional.empty());
    }

    /** Suspended: no runs and no armed tick (resuming arms the next tick from then: no catch-up run). */
    private static RunDecision suspended(ScheduledSparkApplicationStatus current, RunHistory history) {
        ScheduledSparkApplicationStatus status = scheduledStatus(current.lastRun(), null, current.lastRunName(), history);
        return new RunDecision(history.toPrune(), Optional.empty(), status, List.of(), Optional.empty());
    }

    /** Valid and not suspended: wait for the armed tick, or run it under the concurrency policy. */
    private static RunDecision onSchedule(String name, Instant createdAt, ScheduledSparkApplicationSpec spec,
                                                ScheduledSparkApplicationStatus current, List<ChildRun> children,
                                                RunHistory history, Schedule schedule, Instant now) {
        Optional<Instant> armed = armedTick(createdAt, current, schedule, now);
        if (armed.isEmpty() || armed.get().isAfter(now)) {
            ScheduledSparkApplicationStatus status = scheduledStatus(current.lastRun(), armed.orElse(null),
                    current.lastRunName(), history);
            return new RunDecision(history.toPrune(), Optional.empty(), status, List.of(), until(armed, now));
        }
        Instant tick = armed.get();
        Optional<Instant> nextTick = schedule.next(now);
        String runName = name + "-" + tick.getEpochSecond();
        List<String> deletions = new ArrayList<>(history.toPrune());
        List<RunEvent> events = new ArrayList<>();
        Optional<ChildRun> existing = children.stream().filter(c -> c.name().equals(runName)).findFirst();
        Instant lastRun = now;
        Optional<String> start = Optional.of(runName);
        if (existing.isPresent()) {
            start = Optional.empty(); // this tick's run was created by an earlier pass
            lastRun = Objects.requireNonNullElse(existing.get().createdAt(), now);
        } else {
            List<String> active = children.stream().filter(c -> !c.finished()).map(ChildRun::name).toList();
            ConcurrencyPolicy policy = Objects.requireNonNullElse(spec.concurrencyPolicy(), ConcurrencyPolicy.ALLOW);
            if (policy == ConcurrencyPolicy.FORBID && !active.isEmpty()) {
                events.add(new RunEvent(false, RunEvent.RUN_SKIPPED, "Skipped the run due at " + tick
                        + ": concurrencyPolicy Forbid and " + String.join(", ", active) + " not finished"));
                ScheduledSparkApplicationStatus status = scheduledStatus(current.lastRun(), nextTick.orElse(null),
                        current.lastRunName(), history);
                return new RunDecision(deletions, Optional.empty(), status, events, until(nextTick, now));
            }
            if (policy == ConcurrencyPolicy.REPLACE && !active.isEmpty()) {
                deletions.addAll(active);
                events.add(new RunEvent(false, RunEvent.RUN_REPLACED, "Deleted " + String.join(", ", active)
                        + " to replace it with " + runName + " (concurrencyPolicy Replace)"));
            }
            events.add(new RunEvent(false, RunEvent.RUN_STARTED, "Started " + runName
                    + " for the run due at " + tick));
        }
        ScheduledSparkApplicationStatus status = scheduledStatus(lastRun, nextTick.orElse(null), runName, history);
        return new RunDecision(List.copyOf(deletions), start, status, List.copyOf(events), until(nextTick, now));
    }

    /**
     * The tick to wait for: the stored {@code nextRun} while the current schedule would still produce it, else the
     * next tick after now (or, on first sight, after creation, so a tick missed while the operator was down runs).
     */
    private static Optional<Instant> armedTick(Instant createdAt, ScheduledSparkApplicationStatus current,
                                               Schedule schedule, Instant now) {
        Instant stored = current.nextRun();
        if (stored == null) {
            boolean firstSight = current.lastRun() == null
                    && (current.scheduleState() == null || current.scheduleState() == ScheduleState.NEW);
            Instant base = firstSight && createdAt != null && createdAt.isBefore(now) ? createdAt : now;
            return schedule.next(base);
        }
        if (!stored.isAfter(now)) {
            return Optional.of(stored);
        }
        Optional<Instant> fresh = schedule.next(now);
        boolean stillValid = schedule.firesAt(stored) && fresh.isPresent() && !stored.isAfter(fresh.get());
        return stillValid ? Optional.of(stored) : fresh;
    }

    /** A valid, active schedule's status: past-run lists as the children are now, no validation reason. */
    private static ScheduledSparkApplicationStatus scheduledStatus(Instant lastRun, Instant nextRun,
                                                                   String lastRunName, RunHistory history) {
        return new ScheduledSparkApplicationStatus(lastRun, nextRun, lastRunName, history.successful(),
                history.failed(), ScheduleState.SCHEDULED, null);
    }

    private static Optional<Duration> until(Optional<Instant> tick, Instant now) {
        return tick.map(t -> Duration.between(now, t));
    }
}
