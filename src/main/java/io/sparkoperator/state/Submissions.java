package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.DurationText;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Idempotent submission in two pure steps. {@link #submitIfClear} records a fresh submission ID (persisted before
 * spark-submit runs) unless a driver is already there: one with the recorded ID is adopted (the operator restarted
 * mid-submission), any other is deleted first. {@link #outcome} turns spark-submit's result into the next state.
 */
final class Submissions {
    static final String API_UNAVAILABLE = "API server unavailable";
    private static final Duration MIN_UNAVAILABLE_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_UNAVAILABLE_PAUSE = Duration.ofSeconds(30);
    private final Supplier<String> submissionIds;

    Submissions(Supplier<String> submissionIds) {
        this.submissionIds = submissionIds;
    }

    /**
     * From a pre-submit state: adopt, clear the way, or submit.
     *
     * @param requireResourcesGone also wait for the UI Service/Ingress of an earlier run to be gone
     * @param onSubmit event recorded when a submission starts, or {@code null}
     */
    Decision submitIfClear(StepContext ctx, Step step, boolean requireResourcesGone, Action.RecordEvent onSubmit) {
        if (ctx.observedDriverIsCurrentSubmission()) {
            return adopt(ctx, step, ctx.observed().driverPod()).decision();
        }
        if (ctx.observed().driverPod() != null || requireResourcesGone && ctx.observed().submissionResourcesExist()) {
            // Never two drivers: the old one (another submission ID) must be gone before spark-submit runs.
            return step.act(ctx.deleteSubmissionResources()).requeueAfter(ctx.config().resourceDeletionPoll())
                    .decision();
        }
        String id = submissionIds.get();
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("the submission ID generator returned no ID");
        }
        step.update(s -> s.withSubmissionID(id).withLastSubmissionAttemptTime(ctx.now()));
        if (onSubmit != null) {
            step.act(onSubmit);
        }
        return step.act(new Action.Submit(id)).decision();
    }

    /** The result of running spark-submit for the submission recorded in {@code ctx.current()}. */
    Decision outcome(StepContext ctx, Step step, SubmissionOutcome outcome) {
        return switch (outcome) {
            case SubmissionOutcome.Succeeded ok -> submitted(ctx, step, ok.driverPodName(), ok.sparkApplicationId(),
                    false).decision();
            case SubmissionOutcome.DriverPodAlreadyExists exists -> alreadyExists(ctx, step, exists);
            case SubmissionOutcome.TimedOut timedOut -> failed(ctx, step,
                    "failed to submit spark application: spark-submit timed out after "
                            + timedOut.timeout().toSeconds() + "s");
            case SubmissionOutcome.Failed failure -> failed(ctx, step, failure.message());
            case SubmissionOutcome.InvalidSpec invalid -> failed(ctx, step, invalid.message());
            case SubmissionOutcome.ApiServerUnavailable unavailable -> unavailable(ctx, step, unavailable);
        };
    }

    /**
     * The API server was away: stay in the pre-submit state (no submission attempt spent) and try again with a
     * growing pause, until it has been away longer than the configured bound; then it is a submission failure.
     */
    private static Decision unavailable(StepContext ctx, Step step, SubmissionOutcome.ApiServerUnavailable outcome) {
        Duration bound = ctx.config().apiServerUnavailableTimeout();
        if (outcome.unavailableFor().compareTo(bound) > 0) {
            return failed(ctx, step, "failed to submit spark application: " + API_UNAVAILABLE + " for more than "
                    + DurationText.of(bound) + ": " + outcome.cause());
        }
        String message = API_UNAVAILABLE + ", retrying: " + outcome.cause();
        step.moveTo(ctx.current().state(), message).act(Events.submissionFailed(ctx.appName(), message));
        Duration pause = outcome.unavailableFor().compareTo(MIN_UNAVAILABLE_PAUSE) < 0 ? MIN_UNAVAILABLE_PAUSE
                : outcome.unavailableFor().compareTo(MAX_UNAVAILABLE_PAUSE) > 0 ? MAX_UNAVAILABLE_PAUSE
                : outcome.unavailableFor();
        return step.requeueAfter(pause).decision();
    }

    /** A driver pod with the recorded submission ID exists: the submission happened, go on from SUBMITTED. */
    static Step adopt(StepContext ctx, Step step, Pod driver) {
        return submitted(ctx, step, PodLabels.name(driver), PodLabels.sparkApplicationId(driver), true).continueNow();
    }

    /** {@code sparkApplicationId}: known now (spark-submit printed it, or the adopted pod's label), else null. */
    private static Step submitted(StepContext ctx, Step step, String driverPodName, String sparkApplicationId,
            boolean adopted) {
        step.moveTo(AppState.SUBMITTED, null).update(s -> StatusResets.forNewRun(s, driverPodName)
                .withSparkApplicationId(sparkApplicationId));
        step.act(Events.submitted(ctx.appName(), driverPodName, adopted)).act(new Action.EnsureUiService());
        // Come back when the grace period for a missing driver pod is over, even if no pod event arrives.
        Duration grace = RetryPolicy.remaining(step.status().lastSubmissionAttemptTime(),
                ctx.config().driverPodCreationGracePeriod(), ctx.now());
        return step.requeueAfter(grace.plusMillis(1));
    }

    private Decision alreadyExists(StepContext ctx, Step step, SubmissionOutcome.DriverPodAlreadyExists exists) {
        var pod = exists.existingDriverPod();
        String recorded = ctx.current().submissionID();
        if (pod != null && recorded != null && recorded.equals(PodLabels.submissionId(pod))) {
            return submitted(ctx, step, PodLabels.name(pod), PodLabels.sparkApplicationId(pod), true).decision();
        }
        // A driver of another submission blocks ours: delete it so the retry can succeed.
        step.act(new Action.DeleteSubmissionResources(pod == null ? null : PodLabels.name(pod)));
        return failed(ctx, step, "driver pod already exist");
    }

    private static Decision failed(StepContext ctx, Step step, String message) {
        step.moveTo(AppState.SUBMISSION_FAILED, message)
                .update(s -> s.withSubmissionAttempts(s.submissionAttemptCount() + 1));
        step.act(Events.submissionFailed(ctx.appName(), message));
        SparkApplicationStatus next = step.status();
        if (RetryPolicy.shouldRetrySubmission(ctx.spec(), next)) {
            step.requeueAfter(RetryPolicy.remaining(next.lastSubmissionAttemptTime(),
                    RetryPolicy.submissionRetryWait(ctx.spec(), next), ctx.now()));
        } else {
            step.continueNow();
        }
        return step.decision();
    }
}
