package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.spec;
import static io.sparkoperator.state.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final SparkApplicationStatus attempts = status(AppState.FAILING).withExecutionAttempts(2)
            .withSubmissionAttempts(7);

    @Test
    void retryCountsCompareAttemptsWithRetries() {
        SparkApplicationSpec two = Fixtures.onFailure(2, 2);
        assertTrue(RetryPolicy.shouldRetryRun(two, attempts.withExecutionAttempts(2)));
        assertFalse(RetryPolicy.shouldRetryRun(two, attempts.withExecutionAttempts(3)));
        assertTrue(RetryPolicy.shouldRetrySubmission(two, attempts.withSubmissionAttempts(2)));
        assertFalse(RetryPolicy.shouldRetrySubmission(two, attempts.withSubmissionAttempts(3)));
        assertFalse(RetryPolicy.shouldRetryRun(spec("restartPolicy: {type: OnFailure}"), attempts),
                "OnFailure without onFailureRetries never retries");
        assertFalse(RetryPolicy.shouldRetryRun(Fixtures.neverSpec(), attempts));
        assertTrue(RetryPolicy.shouldRetrySubmission(Fixtures.always(), attempts.withSubmissionAttempts(1000)));
    }

    @Test
    void runBackoffMultipliesByExecutionAttemptsNotSubmissionAttempts() {
        SparkApplicationSpec spec = spec("restartPolicy: {type: OnFailure, onFailureRetries: 5, onFailureRetryInterval: 3,"
                + " onSubmissionFailureRetries: 5, onSubmissionFailureRetryInterval: 4}");
        assertEquals(Duration.ofSeconds(6), RetryPolicy.runRetryWait(spec, attempts));
        assertEquals(Duration.ofSeconds(28), RetryPolicy.submissionRetryWait(spec, attempts));
    }

    @Test
    void missingIntervalMeansFiveSecondsNotAnError() {
        SparkApplicationSpec spec = spec("restartPolicy: {type: OnFailure, onFailureRetries: 5}");
        assertEquals(Duration.ofSeconds(10), RetryPolicy.runRetryWait(spec, attempts));
        assertEquals(Duration.ofSeconds(35), RetryPolicy.submissionRetryWait(spec, attempts));
        assertEquals(Duration.ofSeconds(5), RetryPolicy.runRetryWait(spec, attempts.withExecutionAttempts(0)));
    }

    @Test
    void remainingIsMeasuredFromTheGivenInstant() {
        assertEquals(Duration.ofSeconds(3), RetryPolicy.remaining(Fixtures.T0, Duration.ofSeconds(5),
                Fixtures.T0.plusSeconds(2)));
        assertTrue(RetryPolicy.remaining(Fixtures.T0, Duration.ofSeconds(5), Fixtures.T0.plusSeconds(6)).isNegative());
        assertEquals(Duration.ZERO, RetryPolicy.remaining(null, Duration.ofSeconds(5), Fixtures.T0));
    }
}
