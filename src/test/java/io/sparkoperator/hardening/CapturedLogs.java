package io.sparkoperator.hardening;

import io.sparkoperator.logging.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every java.util.logging record of the operator (fabric8's SLF4J output included) at the most verbose level the
 * operator can be set to ({@code --log-level=debug}), as formatted text with its parameters and stack trace. The mock API server's own request log is left out: it
 * stands for the cluster, not the operator.
 */
final class CapturedLogs extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final SimpleFormatter formatter = new SimpleFormatter();

    CapturedLogs() {
        setLevel(LogLevel.DEBUG.julLevel());
        root.setLevel(LogLevel.DEBUG.julLevel());
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
        if (logger.startsWith("io.fabric8.mockwebserver") || logger.startsWith("io.fabric8.kubernetes.client.server.mock")) {
            return;
        }
        lines.add(formatter.format(r) + " " + java.util.Arrays.toString(r.getParameters()));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(rootLevel);
    }
}
