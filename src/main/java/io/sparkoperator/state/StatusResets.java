package io.sparkoperator.state;

import io.sparkoperator.api.DriverInfo;
import io.sparkoperator.api.SparkApplicationStatus;

/**
 * The status resets of reference 4.2, one per path. All of them also clear {@code submissionID}: in a pre-submit
 * state a submission ID then always means "a new submission was recorded", which is what makes adoption after an
 * operator restart safe (the old run's driver carries the old ID and is deleted, never adopted).
 */
final class StatusResets {
    private static final DriverInfo EMPTY_DRIVER = new DriverInfo(null, null, null, null, null, null);

    private StatusResets() {
    }

    /** SUCCEEDING/FAILING -> PENDING_RERUN: run data cleared, attempts and lastSubmissionAttemptTime kept. */
    static SparkApplicationStatus forRerun(SparkApplicationStatus s) {
        return clearRun(s).withTerminationTime(null);
    }

    /** INVALIDATING -> PENDING_RERUN: everything cleared, both attempt counters back to 0. */
    static SparkApplicationStatus forInvalidation(SparkApplicationStatus s) {
        return forRerun(s).withLastSubmissionAttemptTime(null).withSubmissionAttempts(0).withExecutionAttempts(0);
    }

    /** SUSPENDING -> SUSPENDED: run data cleared, times and attempts kept. */
    static SparkApplicationStatus forSuspension(SparkApplicationStatus s) {
        return clearRun(s);
    }

    /** A fresh successful submission: only what the new run knows. */
    static SparkApplicationStatus forNewRun(SparkApplicationStatus s, String driverPodName) {
        return s.withSparkApplicationId(null).withTerminationTime(null).withExecutorState(null)
                .withDriverInfo(new DriverInfo(null, null, null, null, null, driverPodName))
                .withSubmissionAttempts(s.submissionAttemptCount() + 1)
                .withExecutionAttempts(s.executionAttemptCount() + 1);
    }

    private static SparkApplicationStatus clearRun(SparkApplicationStatus s) {
        return s.withSparkApplicationId(null).withSubmissionID(null).withDriverInfo(EMPTY_DRIVER)
                .withExecutorState(null);
    }
}
