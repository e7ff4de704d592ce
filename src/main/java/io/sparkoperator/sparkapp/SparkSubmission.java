package io.sparkoperator.sparkapp;

import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.submit.SubmitResult;

/**
 * The one call the reconciler makes to run spark-submit: {@code Submitter::submit} in production, a fake that
 * creates the driver pod through the API in lifecycle tests. Must not throw for a bad spec or a failed run.
 */
@FunctionalInterface
public interface SparkSubmission {
    SubmitResult submit(SparkApplication app, String submissionId);
}
