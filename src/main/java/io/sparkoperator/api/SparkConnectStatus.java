package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code SparkConnect.status}, with the Go operator's JSON names. {@code state} is one of {@code ""},
 * {@code Ready}, {@code NotReady}, {@code Failed}, {@code Completed} (see {@link ConnectState}); {@code executors}
 * counts executor pods by lower-case phase ({@code running: 2}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SparkConnectStatus(
        List<ConnectCondition> conditions,
        String state,
        ConnectServerStatus server,
        Integer restartAttempts,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant lastRestartTime,
        Long observedGeneration,
        Map<String, Integer> executors,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant startTime,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant lastUpdateTime) {
}
