package io.sparkoperator.sparkapp;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why the model cannot read a stored manifest (a field of the wrong type, stored because the CRD is missing or old),
 * said with the field's path: Jackson puts the path on a second line of its message, which a one-line status
 * reason would lose.
 */
public final class UnreadableManifest {
    private UnreadableManifest() {
    }

    /** The reading error when {@code e} is one (a JSON mapping failure somewhere in its causes). */
    public static Optional<String> reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException m) {
                String field = m.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                        .filter(Objects::nonNull).collect(Collectors.joining("."));
                return Optional.of((field.isEmpty() ? "the manifest" : field) + " cannot be read (wrong type?): "
                        + firstLine(m.getOriginalMessage()));
            }
        }
        return Optional.empty();
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
