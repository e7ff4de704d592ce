package io.sparkoperator.state;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Go operator's SparkApplication lifecycle, as pure functions. Thread-safe and stateless apart from
 * its injected clock and submission ID generator.
 *
 * <p>The controller loop: {@code decide(app, observation)}; write {@code decision.status()} if it changed; perform
 * the actions in order. On {@link Action.Submit}: write the status first, run spark-submit, then
 * {@code afterSubmission(appWithThatStatus, outcome)} and handle that decision the same way.
 */
public final class StateMachine {
    /** States from which a submission may start; {@link #afterSubmission} accepts only these. */
    public static final Set<AppState> PRE_SUBMIT_STATES = EnumSet.of(AppState.NEW, AppState.PENDING_RERUN,
            AppState.RESUMING, AppState.SUBMISSION_FAILED);
    private static final Set<AppState> SUSPEND_EXEMPT = EnumSet.of(AppState.COMPLETED, AppState.FAILED,
            AppState.SUSPENDED, AppState.SUSPENDING);

    private final StateMachineConfig config;
    private final Clock clock;
    private final Submissions submissions;

    public StateMachine(StateMachineConfig config, Clock clock, Supplier<String> submissionIds) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.submissions = new Submissions(Objects.requireNonNull(submissionIds, "submissionIds"));
    }

    /** Default settings, random UUID submission IDs. */
    public StateMachine(Clock clock) {
        this(StateMachineConfig.defaults(), clock, () -> UUID.randomUUID().toString());
    }

    /** One reconcile step: what should happen to {@code app} given what the controller observed. */
    public Decision decide(SparkApplication app, Observation observed) {
        StepContext ctx = context(app, Objects.requireNonNull(observed, "observed"));
        Step step = new Step(ctx.current());
        AppState state = ctx.current().state();
        if (observed.specChanged() && state != AppState.INVALIDATING) {
            return step.moveTo(AppState.INVALIDATING).continueNow().decision();
        }
        if (ctx.spec().isSuspended() && !SUSPEND_EXEMPT.contains(state)) {
            return step.moveTo(AppState.SUSPENDING).continueNow().decision();
        }
        return switch (Lifecycle.of(ctx.current())) {
            case Lifecycle.New created -> submissions.submitIfClear(ctx, step, false,
                    created.pendingSubmission().isEmpty() ? Events.added(ctx.appName()) : null);
            case Lifecycle.Submitted submitted -> DriverTracking.follow(ctx, step);
            case Lifecycle.Running running -> DriverTracking.follow(ctx, step);
            case Lifecycle.Unknown unknown -> DriverTracking.follow(ctx, step);
            case Lifecycle.Succeeding succeeding -> Endings.succeeding(ctx, step);
            case Lifecycle.Failing failing -> Endings.failing(ctx, step);
            case Lifecycle.Completed completed -> Endings.finished(ctx, step);
            case Lifecycle.Failed failed -> Endings.finished(ctx, step);
            case Lifecycle.SubmissionFailed failed -> Endings.submissionFailed(ctx, step, submissions);
            case Lifecycle.PendingRerun rerun -> submissions.submitIfClear(ctx, step, true,
                    Events.pendingRerun(ctx.appName()));
            case Lifecycle.Invalidating invalidating -> Pauses.invalidating(ctx, step);
            case Lifecycle.Suspending suspending -> Pauses.suspending(ctx, step);
            case Lifecycle.Suspended suspended -> Pauses.suspended(ctx, step);
            case Lifecycle.Resuming resuming -> submissions.submitIfClear(ctx, step, false,
                    Events.resuming(ctx.appName()));
        };
    }

    /**
     * The second half of a submission: {@code app.getStatus()} must be the status persisted with the
     * {@link Action.Submit} decision (pre-submit state, the submission ID that was used).
     *
     * @throws IllegalStateException when the status does not record a submission in a pre-submit state
     */
    public Decision afterSubmission(SparkApplication app, SubmissionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        StepContext ctx = context(app, Observation.nothing());
        SparkApplicationStatus current = ctx.current();
        if (!PRE_SUBMIT_STATES.contains(current.state()) || current.submissionID() == null) {
            throw new IllegalStateException("afterSubmission needs the status persisted with the Submit decision"
                    + " (a pre-submit state with a submissionID); got state \"" + current.state().text()
                    + "\", submissionID " + current.submissionID());
        }
        return submissions.outcome(ctx, new Step(current), outcome);
    }

    private StepContext context(SparkApplication app, Observation observed) {
        Objects.requireNonNull(app, "app");
        SparkApplicationSpec spec = Objects.requireNonNull(app.getSpec(), "app.spec");
        SparkApplicationStatus status = app.getStatus() == null ? SparkApplicationStatus.initial() : app.getStatus();
        String name = app.getMetadata() == null ? null : app.getMetadata().getName();
        return new StepContext(name, spec, status, observed, clock.instant(), config);
    }
}
