package io.sparkoperator.logging;

import java.util.Locale;

/** {@code --log-format}: one human-readable line, or one JSON object per line for log collectors. */
public enum LogFormat {
    PLAIN, JSON;

    /** Accepts plain (or console, zap's name) and json. */
    public static LogFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "plain", "console", "text" -> PLAIN;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("log format '" + text + "' is not one of plain, json");
        };
    }
}
