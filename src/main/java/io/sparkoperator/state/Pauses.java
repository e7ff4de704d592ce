package io.sparkoperator.state;

import io.sparkoperator.api.AppState;

/** INVALIDATING and suspend/resume: both stop the current run and clear its status before anything new starts. */
final class Pauses {
    private Pauses() {
    }

    /** INVALIDATING -> PENDING_RERUN: delete resources, clear the status and both attempt counters. */
    static Decision invalidating(StepContext ctx, Step step) {
        step.moveTo(AppState.PENDING_RERUN, null).update(StatusResets::forInvalidation);
        return step.act(ctx.deleteSubmissionResources()).continueNow().decision();
    }

    /** SUSPENDING -> SUSPENDED: delete resources, clear run data. */
    static Decision suspending(StepContext ctx, Step step) {
        step.moveTo(AppState.SUSPENDED, null).update(StatusResets::forSuspension);
        step.act(Events.suspending(ctx.appName())).act(ctx.deleteSubmissionResources());
        return step.continueNow().decision();
    }

    /** SUSPENDED: resume once {@code suspend} is false and the old run's resources are gone. */
    static Decision suspended(StepContext ctx, Step step) {
        if (ctx.observed().submissionResourcesExist()) {
            return step.act(ctx.deleteSubmissionResources()).requeueAfter(ctx.config().resourceDeletionPoll())
                    .decision();
        }
        if (ctx.spec().isSuspended()) {
            return step.decision();
        }
        step.moveTo(AppState.RESUMING, null).act(Events.suspended(ctx.appName()));
        return step.continueNow().decision();
    }
}
