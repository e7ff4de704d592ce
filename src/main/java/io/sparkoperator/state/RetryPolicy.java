package io.sparkoperator.state;

import io.sparkoperator.api.RestartPolicy;
import io.sparkoperator.api.RestartPolicyType;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Restart-policy arithmetic (reference 2.6 and 4.2). Differences from the Go operator, on purpose: the wait before
 * a retry is {@code interval x attempts of the kind being retried} (run failures count executionAttempts, not
 * submissionAttempts), a run retry is timed from the failure (terminationTime), and a missing interval means the
 * 5 s default instead of an endless reconcile error.
 */
public final class RetryPolicy {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private RetryPolicy() {
    }

    public static RestartPolicyType type(SparkApplicationSpec spec) {
        RestartPolicy policy = spec == null ? null : spec.restartPolicy();
        return policy == null || policy.type() == null ? RestartPolicyType.NEVER : policy.type();
    }

    /** FAILING: rerun? {@code Always}, or {@code OnFailure} with {@code executionAttempts <= onFailureRetries}. */
    public static boolean shouldRetryRun(SparkApplicationSpec spec, SparkApplicationStatus status) {
        return switch (type(spec)) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_FAILURE -> {
                Integer retries = spec.restartPolicy().onFailureRetries();
                yield retries != null && status.executionAttemptCount() <= retries;
            }
        };
    }

    /**
     * SUBMISSION_FAILED: resubmit? {@code Always}, or {@code OnFailure} with
     * {@code submissionAttempts <= onSubmissionFailureRetries}.
     */
    public static boolean shouldRetrySubmission(SparkApplicationSpec spec, SparkApplicationStatus status) {
        return switch (type(spec)) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_FAILURE -> {
                Integer retries = spec.restartPolicy().onSubmissionFailureRetries();
                yield retries != null && status.submissionAttemptCount() <= retries;
            }
        };
    }

    /** The wait after a run failure: {@code onFailureRetryInterval x executionAttempts}. */
    public static Duration runRetryWait(SparkApplicationSpec spec, SparkApplicationStatus status) {
        RestartPolicy policy = spec.restartPolicy();
        return interval(policy == null ? null : policy.onFailureRetryInterval())
                .multipliedBy(Math.max(1, status.executionAttemptCount()));
    }

    /** The wait after a submission failure: {@code onSubmissionFailureRetryInterval x submissionAttempts}. */
    public static Duration submissionRetryWait(SparkApplicationSpec spec, SparkApplicationStatus status) {
        RestartPolicy policy = spec.restartPolicy();
        return interval(policy == null ? null : policy.onSubmissionFailureRetryInterval())
                .multipliedBy(Math.max(1, status.submissionAttemptCount()));
    }

    /** Time left until {@code since + wait}; zero or negative means due. A missing {@code since} is due now. */
    public static Duration remaining(Instant since, Duration wait, Instant now) {
        return since == null ? Duration.ZERO : Duration.between(now, since.plus(wait));
    }

    private static Duration interval(Long seconds) {
        return seconds == null || seconds < 1 ? DEFAULT_INTERVAL : Duration.ofSeconds(seconds);
    }
}
