package io.sparkoperator.logging;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One readable line per record:
 * {@code 2026-01-01T10:00:00.123Z INFO  i.s.s.Reconciler SparkApplication(ns/name): message key=value}, or
 * {@code ... INFO  [thread] i.s.r.LeaderGate message} for a line about no resource.
 * Line breaks inside messages and values are written as {@code \n} so a record never spans lines. An exception
 * is shown as its message and causes; its stack trace only with {@code stacks} (at {@code --log-level=debug}),
 * since a stack trace inline makes lines of thousands of characters that nobody reads in {@code kubectl logs}.
 */
public final class PlainFormatter extends Formatter {
    private final boolean stacks;

    public PlainFormatter(boolean stacks) {
        this.stacks = stacks;
    }

    @Override
    public String format(LogRecord record) {
        LogLine line = LogLine.of(record, this);
        StringBuilder out = new StringBuilder(160);
        out.append(line.time()).append(' ').append(String.format("%-5s", line.level())).append(' ');
        // A reconciling thread is named after its resource: with the resource shown, the thread would repeat it.
        if (line.resource() == null) {
            out.append('[').append(line.thread()).append("] ");
        }
        out.append(abbreviate(line.logger())).append(' ');
        if (line.resource() != null) {
            out.append(line.resource()).append(": ");
        }
        out.append(oneLine(line.message()));
        for (StructuredRecord.Field field : line.fields()) {
            out.append(' ').append(field.key()).append('=').append(quoteIfNeeded(String.valueOf(field.value())));
        }
        if (line.error() != null) {
            out.append(" error=").append(quoteIfNeeded(withCauses(line.error())));
            if (stacks) {
                out.append(" stack=").append(quoteIfNeeded(LogLine.stackTrace(line.error())));
            }
        }
        return out.append(System.lineSeparator()).toString();
    }

    /** {@code Outer: message; caused by Inner: message}, each cause once. */
    static String withCauses(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        int depth = 0;
        for (Throwable cause = error.getCause(); cause != null && cause != error && depth < 5;
                cause = cause.getCause(), depth++) {
            if (!text.toString().contains(String.valueOf(cause))) {
                text.append("; caused by ").append(cause);
            }
        }
        return text.toString();
    }

    /** {@code io.sparkoperator.runtime.Reconciler} -> {@code i.s.c.Reconciler}. */
    static String abbreviate(String logger) {
        int last = logger.lastIndexOf('.');
        if (last < 0) {
            return logger;
        }
        StringBuilder out = new StringBuilder();
        for (String part : logger.substring(0, last).split("\\.")) {
            if (!part.isEmpty()) {
                out.append(part.charAt(0)).append('.');
            }
        }
        return out.append(logger.substring(last + 1)).toString();
    }

    static String oneLine(String text) {
        return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    private static String quoteIfNeeded(String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\n')) {
            return '"' + oneLine(value.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
        }
        return oneLine(value);
    }
}
