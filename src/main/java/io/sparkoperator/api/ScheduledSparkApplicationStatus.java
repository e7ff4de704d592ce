package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;

/** {@code ScheduledSparkApplication.status}: the last and next run, the run history and the schedule's validity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledSparkApplicationStatus(
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant lastRun,
        @JsonSerialize(using = Rfc3339.Serializer.class) @JsonDeserialize(using = Rfc3339.Deserializer.class)
        Instant nextRun,
        String lastRunName,
        List<String> pastSuccessfulRunNames,
        List<String> pastFailedRunNames,
        ScheduleState scheduleState,
        String reason) {
}
