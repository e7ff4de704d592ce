package io.sparkoperator.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator's logger: java.util.logging underneath, one line per call, optionally bound to the resource the
 * line is about, with key-value fields ({@code log.info("submitted", "submissionID", id)}). Values of keys that
 * look secret are masked.
 */
public final class Log {
    private final Logger logger;
    private final LogResource resource;

    private Log(Logger logger, LogResource resource) {
        this.logger = logger;
        this.resource = resource;
    }

    public static Log of(Class<?> owner) {
        return new Log(Logger.getLogger(owner.getName()), null);
    }

    /** The same logger, printing {@code Kind(namespace/name)} on every line. */
    public Log forResource(String kind, String namespace, String name) {
        return new Log(logger, new LogResource(kind, namespace, name));
    }

    public Log forResource(LogResource value) {
        return new Log(logger, value);
    }

    public boolean isDebugEnabled() {
        return logger.isLoggable(Level.FINE);
    }

    public void debug(String message, Object... keyValues) {
        log(Level.FINE, message, null, keyValues);
    }

    /** Builds the message only when debug is on. */
    public void debug(Supplier<String> message) {
        if (isDebugEnabled()) {
            log(Level.FINE, message.get(), null);
        }
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARNING, message, null, keyValues);
    }

    public void warn(String message, Throwable error, Object... keyValues) {
        log(Level.WARNING, message, error, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log(Level.SEVERE, message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        log(Level.SEVERE, message, error, keyValues);
    }

    private void log(Level level, String message, Throwable error, Object... keyValues) {
        if (!logger.isLoggable(level)) {
            return;
        }
        StructuredRecord record = new StructuredRecord(level, message,
                resource != null ? resource : LogContext.current(), fields(keyValues));
        record.setLoggerName(logger.getName());
        record.setThrown(error);
        logger.log(record);
    }

    private static List<StructuredRecord.Field> fields(Object[] keyValues) {
        if (keyValues == null || keyValues.length == 0) {
            return List.of();
        }
        List<StructuredRecord.Field> fields = new ArrayList<>(keyValues.length / 2 + 1);
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = String.valueOf(keyValues[i]);
            Object value = i + 1 < keyValues.length ? keyValues[i + 1] : null;
            fields.add(new StructuredRecord.Field(key, SecretKeys.redact(key, value)));
        }
        return List.copyOf(fields);
    }
}
