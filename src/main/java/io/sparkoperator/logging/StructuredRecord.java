package io.sparkoperator.logging;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** A JUL record that also carries the resource and key-value fields, which the formatters print. */
final class StructuredRecord extends LogRecord {
    private static final long serialVersionUID = 1L;

    private final transient LogResource resource;
    private final transient List<Field> fields;

    StructuredRecord(Level level, String message, LogResource resource, List<Field> fields) {
        super(level, message);
        this.resource = resource;
        this.fields = fields;
    }

    LogResource resource() {
        return resource;
    }

    List<Field> fields() {
        return fields;
    }

    record Field(String key, Object value) {
    }
}
