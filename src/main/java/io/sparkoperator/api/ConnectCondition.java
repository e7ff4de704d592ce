package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/**
 * One entry of {@code SparkConnect.status.conditions} (a {@code metav1.Condition}). The only type is
 * {@value #SERVER_POD_READY}; the reasons are the Go operator's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectCondition(
        String type,
        String status,
        Long observedGeneration,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant lastTransitionTime,
        String reason,
        String message) {
    public static final String SERVER_POD_READY = "ServerPodReady";

    public static final String REASON_SERVER_POD_READY = "ServerPodReady";
    public static final String REASON_SERVER_POD_NOT_READY = "ServerPodNotReady";
    public static final String REASON_COMPLETED = "Completed";
    public static final String REASON_RESTARTING = "Restarting";
    public static final String REASON_RESTART_LIMIT_EXCEEDED = "RestartLimitExceeded";
}
