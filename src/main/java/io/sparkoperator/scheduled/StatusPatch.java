package io.sparkoperator.scheduled;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import java.util.List;
import java.util.Objects;

/**
 * The status write for a ScheduledSparkApplication: a JSON patch (RFC 6902) that sets the whole {@code /status}
 * (so cleared fields disappear and lists are replaced, not merged), and the comparison that skips the write when
 * nothing a user could see changed. A JSON merge patch would do on a real API server, but fabric8's mock server
 * merges arrays instead of replacing them, so the run lists would only look right against a real cluster.
 */
final class StatusPatch {
    private StatusPatch() {
    }

    /** {@code add} replaces an existing member and creates a missing one, so it works for a first status too. */
    static String jsonPatch(ScheduledSparkApplicationStatus status) {
        ObjectNode operation = ApiJson.mapper().createObjectNode();
        operation.put("op", "add");
        operation.put("path", "/status");
        operation.set("value", ApiJson.mapper().valueToTree(status));
        return ApiJson.mapper().createArrayNode().add(operation).toString();
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
