package io.sparkoperator.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's side of the submission worker's line protocol (the worker's side is
 * {@code src/spark-home/worker/.../SubmissionWorker}): a request is one JSON line on the worker's stdin, each
 * answer one stdout line behind {@link #PREFIX}; any other stdout line (a JVM warning) is not protocol.
 */
final class WorkerProtocol {
    /** The same constant as the worker's. */
    static final String PREFIX = "\u0001spark-submit-worker ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A protocol line from the worker. */
    sealed interface Reply {
        /** The worker has started. */
        record Ready(long pid) implements Reply {
        }

        /**
         * One submission ended.
         *
         * @param exitCode      what spark-submit would have exited with
         * @param output        what it would have printed (stdout and stderr), the tail
         * @param heapLiveBytes the worker's heap in use after its last collections
         * @param cpuNanos      the worker's CPU time so far
         */
        record Done(int exitCode, List<String> output, long heapLiveBytes, long cpuNanos) implements Reply {
        }
    }

    private WorkerProtocol() {
    }

    /** The request line for spark-submit's argument vector. */
    static String request(List<String> args) {
        try {
            return JSON.writeValueAsString(Map.of("args", args));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("arguments not serialisable", e);
        }
    }

    /** The reply on this stdout line; empty when it is not a protocol line (or not one this side knows). */
    static Optional<Reply> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(rest.substring(space + 1));
            return switch (rest.substring(0, space)) {
                case "ready" -> Optional.of(new Reply.Ready(body.path("pid").asLong(-1)));
                case "done" -> Optional.of(new Reply.Done(body.path("exit").asInt(-1), lines(body.path("output")),
                        body.path("heapLiveBytes").asLong(0), body.path("cpuNanos").asLong(-1)));
                default -> Optional.empty();
            };
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static List<String> lines(JsonNode output) {
        List<String> lines = new ArrayList<>(output.size());
        output.forEach(line -> lines.add(line.asText()));
        return lines;
    }
}
