package io.sparkoperator.state;

import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Instant;
import java.util.Optional;

/** A submission the status records: its ID (pod label {@code sparkoperator.k8s.io/submission-id}) and when it started. */
public record SubmissionAttempt(String id, Instant attemptTime) {

    /** The attempt recorded in {@code status}, if it has an ID. */
    public static Optional<SubmissionAttempt> of(SparkApplicationStatus status) {
        return status.submissionID() == null || status.submissionID().isEmpty()
                ? Optional.empty()
                : Optional.of(new SubmissionAttempt(status.submissionID(), status.lastSubmissionAttemptTime()));
    }
}
