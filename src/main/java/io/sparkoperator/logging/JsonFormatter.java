package io.sparkoperator.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code thread}, {@code replica} (with
 * several active replicas), {@code msg}, and when
 * known {@code resource} ({@code Kind(ns/name)}) with {@code kind}, {@code namespace}, {@code name}; then the
 * record's fields; then {@code error} and {@code stacktrace}. A field named like a fixed key gets a {@code field.}
 * prefix instead of overwriting it.
 */
public final class JsonFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> FIXED = Set.of("time", "level", "logger", "thread", "replica", "msg", "resource",
            "kind", "namespace", "name", "error", "stacktrace");

    @Override
    public String format(LogRecord record) {
        LogLine line = LogLine.of(record, this);
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", line.time().toString());
            json.writeStringField("level", line.level());
            json.writeStringField("logger", line.logger());
            json.writeStringField("thread", line.thread());
            String replica = LogContext.replica();
            if (replica != null) {
                json.writeStringField("replica", replica);
            }
            if (line.resource() != null) {
                json.writeStringField("resource", line.resource().toString());
                json.writeStringField("kind", line.resource().kind());
                if (line.resource().namespace() != null) {
                    json.writeStringField("namespace", line.resource().namespace());
                }
                json.writeStringField("name", line.resource().name());
            }
            json.writeStringField("msg", line.message());
            for (StructuredRecord.Field field : line.fields()) {
                String key = FIXED.contains(field.key()) ? "field." + field.key() : field.key();
                writeValue(json, key, field.value());
            }
            if (line.error() != null) {
                json.writeStringField("error", String.valueOf(line.error()));
                json.writeStringField("stacktrace", LogLine.stackTrace(line.error()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(System.lineSeparator()).toString();
    }

    private static void writeValue(JsonGenerator json, String key, Object value) throws IOException {
        if (value == null) {
            json.writeNullField(key);
        } else if (value instanceof Boolean b) {
            json.writeBooleanField(key, b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumberField(key, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                json.writeNumberField(key, d);
            } else {
                json.writeStringField(key, Double.toString(d));
            }
        } else {
            json.writeStringField(key, String.valueOf(value));
        }
    }
}
