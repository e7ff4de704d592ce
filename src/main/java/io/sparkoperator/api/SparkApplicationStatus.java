package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;

/**
 * {@code SparkApplication.status} (as in the Go operator). Note the exact JSON names {@code submissionID} and
 * {@code sparkApplicationId}. Counters absent in JSON read as {@code null}; use {@link #executionAttemptCount()}
 * and {@link #submissionAttemptCount()} for arithmetic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SparkApplicationStatus(
        String sparkApplicationId,
        String submissionID,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant lastSubmissionAttemptTime,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant terminationTime,
        DriverInfo driverInfo,
        ApplicationState applicationState,
        Map<String, ExecutorState> executorState,
        Integer executionAttempts,
        Integer submissionAttempts) {

    /** The status of an application the operator has not seen yet: state {@code ""}. */
    public static SparkApplicationStatus initial() {
        return new SparkApplicationStatus(null, null, null, null, new DriverInfo(null, null, null, null, null, null),
                ApplicationState.of(AppState.NEW), null, 0, 0);
    }

    /** The persisted state; an absent status or state reads as {@link AppState#NEW}. */
    public AppState state() {
        return applicationState == null || applicationState.state() == null ? AppState.NEW : applicationState.state();
    }

    public int executionAttemptCount() {
        return executionAttempts == null ? 0 : executionAttempts;
    }

    public int submissionAttemptCount() {
        return submissionAttempts == null ? 0 : submissionAttempts;
    }

    public SparkApplicationStatus withApplicationState(ApplicationState value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, lastSubmissionAttemptTime, terminationTime,
                driverInfo, value, executorState, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withSparkApplicationId(String value) {
        return new SparkApplicationStatus(value, submissionID, lastSubmissionAttemptTime, terminationTime,
                driverInfo, applicationState, executorState, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withSubmissionID(String value) {
        return new SparkApplicationStatus(sparkApplicationId, value, lastSubmissionAttemptTime, terminationTime,
                driverInfo, applicationState, executorState, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withLastSubmissionAttemptTime(Instant value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, value, terminationTime,
                driverInfo, applicationState, executorState, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withTerminationTime(Instant value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, lastSubmissionAttemptTime, value,
                driverInfo, applicationState, executorState, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withDriverInfo(DriverInfo value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, lastSubmissionAttemptTime, terminationTime,
                value, applicationState, executorState, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withExecutorState(Map<String, ExecutorState> value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, lastSubmissionAttemptTime, terminationTime,
                driverInfo, applicationState, value, executionAttempts, submissionAttempts);
    }

    public SparkApplicationStatus withExecutionAttempts(Integer value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, lastSubmissionAttemptTime, terminationTime,
                driverInfo, applicationState, executorState, value, submissionAttempts);
    }

    public SparkApplicationStatus withSubmissionAttempts(Integer value) {
        return new SparkApplicationStatus(sparkApplicationId, submissionID, lastSubmissionAttemptTime, terminationTime,
                driverInfo, applicationState, executorState, executionAttempts, value);
    }
}
