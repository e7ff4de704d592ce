package io.sparkoperator.logging;

import java.util.Locale;
import java.util.logging.Level;

/** The operator's log levels ({@code --log-level}) and the java.util.logging levels they stand for. */
public enum LogLevel {
    DEBUG(Level.FINE), INFO(Level.INFO), WARN(Level.WARNING), ERROR(Level.SEVERE);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    public Level julLevel() {
        return julLevel;
    }

    /** Accepts debug, info, warn (or warning) and error in any case. */
    public static LogLevel parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "error" -> ERROR;
            default -> throw new IllegalArgumentException(
                    "log level '" + text + "' is not one of debug, info, warn, error");
        };
    }

    /** The name a JUL record is printed with: finer levels read as DEBUG. */
    static String nameOf(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }
}
