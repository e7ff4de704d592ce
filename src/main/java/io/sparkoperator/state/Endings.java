package io.sparkoperator.state;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.RestartPolicyType;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a run ends: SUCCEEDING and FAILING decide between a rerun (restart policy) and the terminal state,
 * SUBMISSION_FAILED between a resubmission and FAILED, and COMPLETED/FAILED wait for their TTL.
 */
final class Endings {
    private Endings() {
    }

    static Decision succeeding(StepContext ctx, Step step) {
        if (RetryPolicy.type(ctx.spec()) == RestartPolicyType.ALWAYS) {
            return rerun(ctx, step); // no retry interval after a success
        }
        step.moveTo(AppState.COMPLETED);
        return terminal(ctx, step, Events.completed(ctx.appName()));
    }

    static Decision failing(StepContext ctx, Step step) {
        SparkApplicationStatus current = ctx.current();
        if (RetryPolicy.shouldRetryRun(ctx.spec(), current)) {
            Instant failedAt = current.terminationTime() != null ? current.terminationTime()
                    : current.lastSubmissionAttemptTime();
            Duration left = RetryPolicy.remaining(failedAt, RetryPolicy.runRetryWait(ctx.spec(), current), ctx.now());
            return left.isPositive() ? step.requeueAfter(left).decision() : rerun(ctx, step);
        }
        step.moveTo(AppState.FAILED);
        return terminal(ctx, step, Events.failed(ctx.appName(), errorMessage(current)));
    }

    /** SUBMISSION_FAILED: adopt a driver the failed attempt did create, resubmit when due, or give up. */
    static Decision submissionFailed(StepContext ctx, Step step, Submissions submissions) {
        SparkApplicationStatus current = ctx.current();
        if (ctx.observedDriverIsCurrentSubmission()) {
            return Submissions.adopt(ctx, step, ctx.observed().driverPod()).decision();
        }
        if (!RetryPolicy.shouldRetrySubmission(ctx.spec(), current)) {
            step.moveTo(AppState.FAILED).update(s -> s.withTerminationTime(ctx.now()));
            return terminal(ctx, step, Events.failed(ctx.appName(), errorMessage(current)));
        }
        Duration left = RetryPolicy.remaining(current.lastSubmissionAttemptTime(),
                RetryPolicy.submissionRetryWait(ctx.spec(), current), ctx.now());
        if (left.isPositive()) {
            return step.requeueAfter(left).decision();
        }
        return submissions.submitIfClear(ctx, step, true, null);
    }

    /** COMPLETED / FAILED: finalise executors, delete the app when its TTL expired, else come back then. */
    static Decision finished(StepContext ctx, Step step) {
        SparkApplicationStatus current = ctx.current();
        ExecutorStates executors = ExecutorStates.update(current.executorState(), ctx.observed().executorPods(),
                current.state(), ctx.config().maxTrackedExecutors());
        step.update(s -> s.withExecutorState(executors.states())).actAll(executors.events());
        Instant ended = current.terminationTime();
        if (ended == null) {
            ended = ctx.now();
            step.update(s -> s.withTerminationTime(ctx.now()));
        }
        Optional<Duration> ttl = TimeToLive.effective(ctx.spec(), ctx.config().defaultTimeToLive());
        if (ttl.isPresent()) {
            Duration since = Duration.between(ended, ctx.now());
            if (TimeToLive.expired(ttl.get(), since)) {
                step.act(new Action.DeleteApplication());
            } else {
                step.requeueAfter(ttl.get().minus(since).plusMillis(1));
            }
        }
        return step.decision();
    }

    /** SUCCEEDING/FAILING -> PENDING_RERUN: delete the old run's resources and clear its status. */
    private static Decision rerun(StepContext ctx, Step step) {
        step.moveTo(AppState.PENDING_RERUN, null).update(StatusResets::forRerun);
        return step.act(ctx.deleteSubmissionResources()).continueNow().decision();
    }

    private static Decision terminal(StepContext ctx, Step step, Action.RecordEvent event) {
        if (step.status().terminationTime() == null) {
            step.update(s -> s.withTerminationTime(ctx.now()));
        }
        ExecutorStates executors = ExecutorStates.update(ctx.current().executorState(),
                ctx.observed().executorPods(), step.status().state(), ctx.config().maxTrackedExecutors());
        step.update(s -> s.withExecutorState(executors.states())).actAll(executors.events());
        step.act(event).act(new Action.DeleteSchedulingResources(ctx.driverPodToDelete()));
        if (ctx.config().deleteUiOnTermination()) {
            step.act(new Action.DeleteUiResources());
        }
        return step.continueNow().decision();
    }

    private static String errorMessage(SparkApplicationStatus status) {
        return status.applicationState() == null ? null : status.applicationState().errorMessage();
    }
}
