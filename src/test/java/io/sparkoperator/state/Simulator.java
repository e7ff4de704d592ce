package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Drives the pure machine the way the controller will: decide, persist the status, perform the actions (a tiny
 * in-memory "cluster" with at most one driver pod), advance the fake clock by the requested requeue delay.
 */
final class Simulator {
    final Harness h = new Harness();
    final SparkApplication app;
    /** Every persisted state, in order (including repeats of the same state). */
    final List<AppState> persistedStates = new ArrayList<>();
    /** The requeue delays of decisions that left the app in FAILING / SUBMISSION_FAILED (retry waits). */
    final List<Duration> retryWaits = new ArrayList<>();
    int sparkSubmits;
    int driversCreated;
    boolean deleted;

    private final Function<String, SubmissionOutcome> submitter;
    /** The phases the driver pod goes through, one per observation; the last one may carry an exit code. */
    private final List<String> driverPhases;
    private final int driverExitCode;
    private Pod driver;
    private int driverAge;

    /**
     * @param submitter what spark-submit reports for a submission ID; a {@code Succeeded} outcome creates the
     *        driver pod in the simulated cluster
     */
    Simulator(SparkApplicationSpec spec, Function<String, SubmissionOutcome> submitter, List<String> driverPhases,
            int driverExitCode) {
        this.app = Fixtures.app(spec, null);
        this.submitter = submitter;
        this.driverPhases = driverPhases;
        this.driverExitCode = driverExitCode;
    }

    /** Runs until the app is terminal with nothing left to do, or deleted; fails after {@code maxSteps}. */
    Simulator runToEnd(int maxSteps) {
        for (int i = 0; i < maxSteps; i++) {
            Decision d = h.machine.decide(app, observe());
            if (apply(d) && app.getStatus().state().isTerminal() || deleted) {
                return this;
            }
        }
        throw new AssertionError("no end after " + maxSteps + " steps; states " + persistedStates);
    }

    /** Applies a decision; true when it asked for nothing more (no requeue). */
    boolean apply(Decision d) {
        app.setStatus(d.status());
        persistedStates.add(d.status().state());
        for (Action action : d.actions()) {
            switch (action) {
                case Action.Submit submit -> {
                    sparkSubmits++;
                    SubmissionOutcome outcome = submitter.apply(submit.submissionId());
                    if (outcome instanceof SubmissionOutcome.Succeeded ok) {
                        createDriver(ok.driverPodName(), submit.submissionId());
                    }
                    return apply(h.machine.afterSubmission(app, outcome));
                }
                case Action.DeleteSubmissionResources delete -> driver = null;
                case Action.DeleteApplication delete -> deleted = true;
                case Action.RequeueAfter requeue -> {
                    AppState now = d.status().state();
                    if (now == AppState.FAILING || now == AppState.SUBMISSION_FAILED) {
                        retryWaits.add(requeue.delay());
                    }
                    h.clock.advance(requeue.delay());
                }
                case Action.EnsureUiService ensure -> { }
                case Action.DeleteUiResources deleteUi -> { }
                case Action.DeleteSchedulingResources release -> { }
                case Action.RecordEvent event -> { }
            }
        }
        return d.requeueAfter().isEmpty();
    }

    void createDriver(String name, String submissionId) {
        if (driver != null) {
            throw new AssertionError("two drivers: " + driver.getMetadata().getName() + " and " + name);
        }
        driversCreated++;
        driverAge = 0;
        driver = Fixtures.driverPod(driverPhases.get(0), submissionId);
        driver.getMetadata().setName(name);
    }

    /** What the controller would see; the driver advances one phase per observation (a kubelet stand-in). */
    private Observation observe() {
        if (driver == null) {
            return Observation.nothing();
        }
        String phase = driverPhases.get(Math.min(driverAge++, driverPhases.size() - 1));
        String id = PodLabels.submissionId(driver);
        Pod seen = driverAge >= driverPhases.size() && driverExitCode >= 0
                ? Fixtures.terminatedDriver(phase, id, driverExitCode, driverExitCode == 0 ? "Completed" : "Error")
                : Fixtures.driverPod(phase, id);
        seen.getMetadata().setName(driver.getMetadata().getName());
        return Observation.driver(seen, List.of());
    }
}
