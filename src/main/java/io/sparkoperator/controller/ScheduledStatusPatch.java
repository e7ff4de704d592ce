package io.sparkoperator.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import java.util.List;
import java.util.Objects;

/**
 * The status write for a ScheduledSparkApplication: a JSON merge patch of the whole status with explicit nulls for
 * absent fields (so a cleared {@code nextRun} or {@code reason} is removed), and the comparison that skips the write
 * when nothing a user could see changed.
 */
final class ScheduledStatusPatch {
    private static final List<String> FIELDS = List.of("lastRun", "nextRun", "lastRunName", "pastSuccessfulRunNames",
            "pastFailedRunNames", "scheduleState", "reason");

    private ScheduledStatusPatch() {
    }

    static String mergePatch(ScheduledSparkApplicationStatus status) {
        ObjectNode fields = ApiJson.mapper().valueToTree(status);
        for (String field : FIELDS) {
            if (!fields.has(field)) {
                fields.putNull(field);
            }
        }
        ObjectNode patch = ApiJson.mapper().createObjectNode();
        patch.set("status", fields);
        return patch.toString();
    }

    /** Equal as written: lists absent or empty alike, times at whole seconds. */
    static boolean sameAsWritten(ScheduledSparkApplicationStatus a, ScheduledSparkApplicationStatus b) {
        return Objects.equals(ApiJson.mapper().valueToTree(normalized(a)), ApiJson.mapper().valueToTree(normalized(b)));
    }

    private static ScheduledSparkApplicationStatus normalized(ScheduledSparkApplicationStatus s) {
        if (s == null) {
            return new ScheduledSparkApplicationStatus(null, null, null, List.of(), List.of(), null, null);
        }
        return new ScheduledSparkApplicationStatus(s.lastRun(), s.nextRun(), s.lastRunName(),
                Objects.requireNonNullElse(s.pastSuccessfulRunNames(), List.of()),
                Objects.requireNonNullElse(s.pastFailedRunNames(), List.of()), s.scheduleState(), s.reason());
    }
}
