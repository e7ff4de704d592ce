package io.sparkoperator.scheduled;

import static io.sparkoperator.scheduled.Fixtures.armed;
import static io.sparkoperator.scheduled.Fixtures.limits;
import static io.sparkoperator.scheduled.Fixtures.run;
import static io.sparkoperator.scheduled.Fixtures.spec;
import static io.sparkoperator.scheduled.Fixtures.suspended;
import static io.sparkoperator.scheduled.Fixtures.withZone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ConcurrencyPolicy;
import io.sparkoperator.api.ScheduleState;
import io.sparkoperator.api.ScheduledSparkApplicationSpec;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunDeciderTest {
    private static final String NAME = "nightly";
    private static final Instant CREATED = Instant.parse("2026-05-04T09:00:00Z");

    private static RunDecision decide(ScheduledSparkApplicationSpec spec, ScheduledSparkApplicationStatus status,
                                            List<ChildRun> runs, String now) {
        return RunDecider.decide(NAME, CREATED, spec, status, runs, Instant.parse(now), ZoneOffset.UTC);
    }

    private static RunDecision decideNew(ScheduledSparkApplicationSpec spec, String createdAt, String now) {
        return RunDecider.decide(NAME, Instant.parse(createdAt), spec, null, List.of(), Instant.parse(now),
                ZoneOffset.UTC);
    }

    private static String runName(String tick) {
        return NAME + "-" + Instant.parse(tick).getEpochSecond();
    }

    private static List<String> eventReasons(RunDecision decision) {
        return decision.events().stream().map(RunEvent::reason).toList();
    }

    @Test
    void firstPassArmsTheNextTickAndStartsNothing() {
        RunDecision d = decideNew(spec("*/5 * * * *"), "2026-05-04T10:02:20Z", "2026-05-04T10:02:30Z");
        assertEquals(Optional.empty(), d.runToStart());
        assertEquals(ScheduleState.SCHEDULED, d.status().scheduleState());
        assertEquals(Instant.parse("2026-05-04T10:05:00Z"), d.status().nextRun());
        assertNull(d.status().lastRun());
        assertEquals(Optional.of(Duration.ofSeconds(150)), d.requeueAfter());
    }

    @Test
    void aDueTickStartsOneRunNamedAfterTheTickAndArmsTheNext() {
        RunDecision d = decide(spec("*/5 * * * *"), armed("2026-05-04T10:05:00Z"), List.of(),
                "2026-05-04T10:05:00.400Z");
        assertEquals(Optional.of(runName("2026-05-04T10:05:00Z")), d.runToStart());
        assertEquals("nightly-1777889100", d.runToStart().orElseThrow());
        assertEquals(Instant.parse("2026-05-04T10:05:00Z"), d.status().lastRun());
        assertEquals(d.runToStart().orElseThrow(), d.status().lastRunName());
        assertEquals(Instant.parse("2026-05-04T10:10:00Z"), d.status().nextRun());
        assertEquals(Optional.of(Duration.ofMinutes(5)), d.requeueAfter());
        assertEquals(List.of(RunEvent.RUN_STARTED), eventReasons(d));
    }

    @Test
    void beforeTheTickNothingHappensAndTheStatusStays() {
        ScheduledSparkApplicationStatus status = armed("2026-05-04T10:05:00Z");
        RunDecision d = decide(spec("*/5 * * * *"), status, List.of(), "2026-05-04T10:04:59Z");
        assertEquals(Optional.empty(), d.runToStart());
        assertTrue(StatusPatch.sameAsWritten(status, d.status()));
        assertEquals(Optional.of(Duration.ofSeconds(1)), d.requeueAfter());
    }

    @Test
    void missedTicksWhileTheOperatorWasDownStartOneRun() {
        RunDecision d = decide(spec("*/5 * * * *"), armed("2026-05-04T10:05:00Z"), List.of(),
                "2026-05-04T13:17:10Z");
        assertEquals(Optional.of(runName("2026-05-04T10:05:00Z")), d.runToStart());
        assertEquals(Instant.parse("2026-05-04T13:20:00Z"), d.status().nextRun());
        // The next pass (the run now exists) starts nothing more until 13:20.
        RunDecision again = decide(spec("*/5 * * * *"), d.status(),
                List.of(run(d.runToStart().orElseThrow(), "2026-05-04T13:17:10Z", AppState.NEW)), "2026-05-04T13:17:11Z");
        assertEquals(Optional.empty(), again.runToStart());
    }

    @Test
    void aTickMissedBeforeTheFirstPassRunsOnce() {
        // Created 09:00 with the operator down; first seen 10:12: the 10:00 tick is due now.
        RunDecision d = decide(spec("0 * * * *"), null, List.of(), "2026-05-04T10:12:00Z");
        assertEquals(Optional.of(runName("2026-05-04T10:00:00Z")), d.runToStart());
        assertEquals(Instant.parse("2026-05-04T11:00:00Z"), d.status().nextRun());
    }

    @Test
    void aRunCreatedByAnEarlierPassIsRecordedNotStartedAgain() {
        String tickRun = runName("2026-05-04T10:05:00Z");
        RunDecision d = decide(spec("*/5 * * * *", ConcurrencyPolicy.REPLACE), armed("2026-05-04T10:05:00Z"),
                List.of(run(tickRun, "2026-05-04T10:05:01Z", AppState.RUNNING)), "2026-05-04T10:05:03Z");
        assertEquals(Optional.empty(), d.runToStart());
        assertEquals(List.of(), d.deletions());
        assertEquals(tickRun, d.status().lastRunName());
        assertEquals(Instant.parse("2026-05-04T10:05:01Z"), d.status().lastRun());
        assertEquals(Instant.parse("2026-05-04T10:10:00Z"), d.status().nextRun());
    }

    @Test
    void allowAndAnEmptyPolicyStartAlongsideARunningRun() {
        List<ChildRun> running = List.of(run("nightly-1", "2026-05-04T10:00:00Z", AppState.RUNNING));
        for (ConcurrencyPolicy policy : new ConcurrencyPolicy[] {null, ConcurrencyPolicy.ALLOW}) {
            RunDecision d = decide(spec("*/5 * * * *", policy), armed("2026-05-04T10:05:00Z"), running,
                    "2026-05-04T10:05:00Z");
            assertTrue(d.runToStart().isPresent(), "policy " + policy);
            assertEquals(List.of(), d.deletions());
        }
    }

    @Test
    void forbidSkipsTheTickWhileARunIsActiveAndRunsWhenItFinished() {
        RunDecision blocked = decide(spec("*/5 * * * *", ConcurrencyPolicy.FORBID), armed("2026-05-04T10:05:00Z"),
                List.of(run("nightly-1", "2026-05-04T10:00:00Z", AppState.SUBMITTED)), "2026-05-04T10:05:00Z");
        assertEquals(Optional.empty(), blocked.runToStart());
        assertEquals(Instant.parse("2026-05-04T10:10:00Z"), blocked.status().nextRun());
        assertEquals(List.of(RunEvent.RUN_SKIPPED), eventReasons(blocked));
        assertEquals(Optional.of(Duration.ofMinutes(5)), blocked.requeueAfter());

        RunDecision free = decide(spec("*/5 * * * *", ConcurrencyPolicy.FORBID), armed("2026-05-04T10:05:00Z"),
                List.of(run("nightly-1", "2026-05-04T10:00:00Z", AppState.COMPLETED)), "2026-05-04T10:05:00Z");
        assertTrue(free.runToStart().isPresent());
    }

    @Test
    void replaceDeletesEveryActiveRunAndStartsANewOne() {
        List<ChildRun> runs = List.of(
                run("nightly-1", "2026-05-04T09:55:00Z", AppState.RUNNING),
                run("nightly-2", "2026-05-04T10:00:00Z", AppState.PENDING_RERUN),
                run("nightly-0", "2026-05-04T09:50:00Z", AppState.COMPLETED));
        RunDecision d = decide(spec("*/5 * * * *", ConcurrencyPolicy.REPLACE), armed("2026-05-04T10:05:00Z"),
                runs, "2026-05-04T10:05:00Z");
        assertEquals(List.of("nightly-1", "nightly-2"), d.deletions());
        assertTrue(d.runToStart().isPresent());
        assertEquals(List.of("nightly-0"), d.status().pastSuccessfulRunNames());
        assertEquals(List.of(RunEvent.RUN_REPLACED, RunEvent.RUN_STARTED), eventReasons(d));
    }

    @Test
    void historyKeepsTheNewestFinishedRunsByLimitAndPrunesTheRest() {
        List<ChildRun> runs = List.of(
                run("a-1", "2026-05-04T01:00:00Z", AppState.COMPLETED),
                run("a-3", "2026-05-04T03:00:00Z", AppState.COMPLETED),
                run("a-2", "2026-05-04T02:00:00Z", AppState.FAILED),
                run("a-4", "2026-05-04T04:00:00Z", AppState.FAILED),
                run("a-5", "2026-05-04T05:00:00Z", AppState.COMPLETED),
                run("a-6", "2026-05-04T06:00:00Z", AppState.RUNNING));
        RunDecision defaults = decide(spec("0 0 1 1 *"), armed("2027-01-01T00:00:00Z"), runs, "2026-05-04T07:00:00Z");
        assertEquals(List.of("a-5"), defaults.status().pastSuccessfulRunNames());
        assertEquals(List.of("a-4"), defaults.status().pastFailedRunNames());
        assertEquals(List.of("a-3", "a-2", "a-1"), defaults.deletions()); // newest first

        RunDecision custom = decide(limits(spec("0 0 1 1 *"), 2, 0), armed("2027-01-01T00:00:00Z"), runs,
                "2026-05-04T07:00:00Z");
        assertEquals(List.of("a-5", "a-3"), custom.status().pastSuccessfulRunNames());
        assertEquals(List.of(), custom.status().pastFailedRunNames());
        assertEquals(List.of("a-4", "a-2", "a-1"), custom.deletions().stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void suspendStartsNothingAndResumingDoesNotCatchUp() {
        ScheduledSparkApplicationSpec on = spec("*/5 * * * *");
        RunDecision paused = decide(suspended(on, true), armed("2026-05-04T10:05:00Z"),
                List.of(run("x-1", "2026-05-04T09:00:00Z", AppState.COMPLETED),
                        run("x-2", "2026-05-04T09:30:00Z", AppState.COMPLETED)), "2026-05-04T10:05:00Z");
        assertEquals(Optional.empty(), paused.runToStart());
        assertNull(paused.status().nextRun());
        assertEquals(Optional.empty(), paused.requeueAfter());
        assertEquals(List.of("x-1"), paused.deletions());
        assertEquals(List.of("x-2"), paused.status().pastSuccessfulRunNames());

        RunDecision resumed = decide(suspended(on, false), paused.status(), List.of(), "2026-05-04T12:01:00Z");
        assertEquals(Optional.empty(), resumed.runToStart());
        assertEquals(Instant.parse("2026-05-04T12:05:00Z"), resumed.status().nextRun());
    }

    @Test
    void anInvalidScheduleFailsValidationAndAFixedSpecRecovers() {
        ScheduledSparkApplicationStatus before = armed("2026-05-04T10:05:00Z");
        RunDecision bad = decide(spec("*/5 * * *"), before, List.of(), "2026-05-04T10:05:00Z");
        assertEquals(ScheduleState.FAILED_VALIDATION, bad.status().scheduleState());
        assertTrue(bad.status().reason().contains("5 fields"), bad.status().reason());
        assertEquals(Optional.empty(), bad.runToStart());
        assertEquals(Optional.empty(), bad.requeueAfter());
        assertNull(bad.status().nextRun());
        assertEquals(List.of(RunEvent.FAILED_VALIDATION), eventReasons(bad));
        // The same failure again records no second event.
        assertEquals(List.of(), eventReasons(decide(spec("*/5 * * *"), bad.status(), List.of(), "2026-05-04T10:06:00Z")));

        RunDecision fixed = decide(spec("*/5 * * * *"), bad.status(), List.of(), "2026-05-04T10:07:00Z");
        assertEquals(ScheduleState.SCHEDULED, fixed.status().scheduleState());
        assertNull(fixed.status().reason());
        assertEquals(Instant.parse("2026-05-04T10:10:00Z"), fixed.status().nextRun());
        assertEquals(Optional.empty(), fixed.runToStart());
    }

    @Test
    void invalidTimeZoneLimitsAndTemplateFailValidation() {
        String zone = decide(withZone(spec("0 * * * *"), "Mars/Base"), null, List.of(), "2026-05-04T10:00:00Z")
                .status().reason();
        assertTrue(zone.startsWith("Invalid timezone: ") && zone.contains("Mars/Base"), zone);
        String limit = decide(limits(spec("0 * * * *"), -1, null), null, List.of(), "2026-05-04T10:00:00Z")
                .status().reason();
        assertTrue(limit.contains("successfulRunHistoryLimit=-1"), limit);
        ScheduledSparkApplicationSpec noTemplate = new ScheduledSparkApplicationSpec("0 * * * *", null, null, null,
                null, null, null);
        assertEquals("spec.template is required",
                decide(noTemplate, null, List.of(), "2026-05-04T10:00:00Z").status().reason());
        assertEquals("spec.schedule is required",
                decide(spec(" "), null, List.of(), "2026-05-04T10:00:00Z").status().reason());
        assertTrue(decide(spec("0 0 30 2 *"), null, List.of(), "2026-05-04T10:00:00Z").status().reason()
                .contains("never"));
    }

    @Test
    void anEditedScheduleReArmsAFutureTick() {
        RunDecision d = decide(spec("*/5 * * * *"), armed("2027-01-01T00:00:00Z"), List.of(),
                "2026-05-04T10:02:00Z");
        assertEquals(Instant.parse("2026-05-04T10:05:00Z"), d.status().nextRun());
        // A stored tick the new schedule does not produce (an odd hour for "every two hours") is re-armed too.
        RunDecision d2 = decide(spec("0 */2 * * *"), armed("2026-05-04T11:00:00Z"), List.of(),
                "2026-05-04T10:02:00Z");
        assertEquals(Instant.parse("2026-05-04T12:00:00Z"), d2.status().nextRun());
    }

    @Test
    void everyCountsFromTheLastRun() {
        RunDecision d = decide(spec("@every 90m"), armed("2026-05-04T10:00:00Z"), List.of(),
                "2026-05-04T10:00:02Z");
        assertEquals(Instant.parse("2026-05-04T11:30:02Z"), d.status().nextRun());
        RunDecision waiting = decide(spec("@every 90m"), d.status(), List.of(), "2026-05-04T10:30:00Z");
        assertEquals(Instant.parse("2026-05-04T11:30:02Z"), waiting.status().nextRun());
    }

    @Test
    void nextRunFollowsTheTimeZoneAcrossTheSpringForwardGap() {
        RunDecision d = decide(withZone(spec("30 2 * * *"), "America/New_York"), null, List.of(),
                "2026-03-07T12:00:00Z");
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), d.status().nextRun()); // 03:00 EDT, once
        RunDecision after = decide(withZone(spec("30 2 * * *"), "America/New_York"), d.status(), List.of(),
                "2026-03-08T07:00:00Z");
        assertTrue(after.runToStart().isPresent());
        assertEquals(Instant.parse("2026-03-09T06:30:00Z"), after.status().nextRun()); // 02:30 EDT
    }
}
