package io.sparkoperator.logging;

/** {@code --log-level} (debug, info, warn, error; default info) and {@code --log-format} (plain, json). */
public record LogSettings(LogLevel level, LogFormat format) {
    public static LogSettings defaults() {
        return new LogSettings(LogLevel.INFO, LogFormat.PLAIN);
    }

    public static LogSettings parse(String level, String format) {
        return new LogSettings(level == null || level.isBlank() ? LogLevel.INFO : LogLevel.parse(level),
                format == null || format.isBlank() ? LogFormat.PLAIN : LogFormat.parse(format));
    }
}
