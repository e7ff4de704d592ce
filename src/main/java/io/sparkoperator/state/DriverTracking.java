package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.DriverInfo;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;

/**
 * SUBMITTED / RUNNING / UNKNOWN: follow the driver pod (state, error message, termination time, application ID)
 * and the executors. A missing driver fails the app, after the creation grace period while SUBMITTED.
 */
final class DriverTracking {
    static final String DRIVER_NOT_FOUND = "driver pod not found";

    private DriverTracking() {
    }

    static Decision follow(StepContext ctx, Step step) {
        Pod driver = ownDriver(ctx);
        SparkApplicationStatus current = ctx.current();
        if (driver == null) {
            Duration graceLeft = current.lastSubmissionAttemptTime() == null ? Duration.ofMillis(-1)
                    : RetryPolicy.remaining(current.lastSubmissionAttemptTime(),
                            ctx.config().driverPodCreationGracePeriod(), ctx.now());
            if (current.state() == AppState.SUBMITTED && !graceLeft.isNegative()) {
                return step.requeueAfter(graceLeft.plusMillis(1)).decision();
            }
            return missing(ctx, step);
        }
        String podName = PodLabels.name(driver);
        DriverStatus driverStatus = DriverStatus.of(driver);
        DriverState driverState = driverStatus.state();
        AppState next = driverState.appState();
        // A FAILED driver's message, or what holds a live one up; null clears an earlier trouble that passed.
        String message = driverState == DriverState.FAILED ? driverStatus.errorMessage() : driverStatus.trouble();
        step.moveTo(next, message);
        if (driverState.isTerminal() && current.terminationTime() == null) {
            step.update(s -> s.withTerminationTime(ctx.now()));
        }
        boolean newTrouble = driverStatus.trouble() != null && !driverStatus.trouble().equals(errorMessage(current));
        if (next != current.state() || newTrouble) {
            step.act(Events.driver(driverState, podName, message));
        }
        ExecutorStates executors = ExecutorStates.update(current.executorState(), ctx.observed().executorPods(), next,
                ctx.config().maxTrackedExecutors());
        String appId = firstNonNull(executors.sparkApplicationId(), PodLabels.sparkApplicationId(driver),
                current.sparkApplicationId());
        step.update(s -> s.withSparkApplicationId(appId).withExecutorState(executors.states())
                .withDriverInfo(withPodName(s.driverInfo(), podName)));
        step.actAll(executors.events());
        // The submitting pass made the UI Service; a pending driver only retries it while status lacks it. Once the
        // Spark app ID is learned the UI is ensured again: an Ingress URL may contain {{$appId}}, unknown at
        // submission (the controller skips the calls when it does not).
        boolean uiMissing = current.driverInfo() == null || current.driverInfo().webUIServiceName() == null;
        boolean learnedAppId = appId != null && !appId.equals(current.sparkApplicationId());
        if (!driverState.isTerminal() && (next == AppState.SUBMITTED && uiMissing || learnedAppId)) {
            step.act(new Action.EnsureUiService());
        }
        if (driverState.isTerminal()) {
            step.continueNow();
        }
        return step.decision();
    }

    /** The driver is gone (deleted, evicted, node lost): FAILING with "driver pod not found". */
    private static Decision missing(StepContext ctx, Step step) {
        // What was last seen holding the driver up (e.g. deleted for a node taint) says why it is gone.
        String lastTrouble = errorMessage(ctx.current());
        step.moveTo(AppState.FAILING, lastTrouble == null ? DRIVER_NOT_FOUND
                : DRIVER_NOT_FOUND + " (last seen: " + lastTrouble + ")").update(s -> s.withTerminationTime(ctx.now()));
        ExecutorStates executors = ExecutorStates.update(ctx.current().executorState(),
                ctx.observed().executorPods(), AppState.FAILING, ctx.config().maxTrackedExecutors());
        step.update(s -> s.withExecutorState(executors.states())).actAll(executors.events());
        return step.act(Events.driverNotFound(ctx.appName(), ctx.driverPodToDelete())).continueNow().decision();
    }

    /** The observed driver, unless it belongs to another submission (then it is not this run's driver). */
    private static Pod ownDriver(StepContext ctx) {
        Pod pod = ctx.observed().driverPod();
        if (pod == null) {
            return null;
        }
        String podId = PodLabels.submissionId(pod);
        String recorded = ctx.current().submissionID();
        return podId != null && recorded != null && !podId.equals(recorded) ? null : pod;
    }

    private static String errorMessage(SparkApplicationStatus status) {
        return status.applicationState() == null ? null : status.applicationState().errorMessage();
    }

    private static DriverInfo withPodName(DriverInfo info, String podName) {
        if (info == null) {
            return new DriverInfo(null, null, null, null, null, podName);
        }
        return new DriverInfo(info.webUIServiceName(), info.webUIAddress(), info.webUIPort(),
                info.webUIIngressName(), info.webUIIngressAddress(), podName);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
