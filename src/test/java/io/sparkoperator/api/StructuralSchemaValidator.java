package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a manifest against a CRD's structural OpenAPI v3 schema the way the API server's schema validation does,
 * without a server: types, required, enum, minimum/maximum, pattern (unanchored, as Go's regexp), min/maxLength,
 * maxItems, maxProperties, maps via additionalProperties, int-or-string, nullable, date-time, schemaless objects. Unlike a server,
 * which silently prunes unknown fields, it reports them (as {@code kubectl --validate=strict} would), so a typo in
 * an example cannot hide. CEL rules ({@code x-kubernetes-validations}) are not evaluated here. A schema keyword it
 * does not implement throws, so it can never pass a manifest by ignoring part of the schema.
 */
final class StructuralSchemaValidator {
    /** The schema keywords it implements; the CRDs may use no others. */
    static final Set<String> KEYWORDS = Set.of("description", "type", "properties", "required", "items",
            "additionalProperties", "enum", "minimum", "maximum", "pattern", "maxItems", "maxProperties", "maxLength",
            "minLength",
            "format", "nullable", "anyOf", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
            "x-kubernetes-validations");

    private final List<String> errors = new ArrayList<>();

    private StructuralSchemaValidator() {
    }

    /** Errors of a whole custom resource; {@code metadata} is left to the server's ObjectMeta validation. */
    static List<String> validateResource(JsonNode rootSchema, JsonNode manifest) {
        StructuralSchemaValidator validator = new StructuralSchemaValidator();
        validator.check("", rootSchema, manifest);
        return validator.errors;
    }

    private void check(String path, JsonNode schema, JsonNode value) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalStateException("schema keyword '" + keyword + "' at " + path + " is not implemented");
            }
        }
        if (schema.has("anyOf") && !schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            throw new IllegalStateException("anyOf at " + path + " is only implemented for int-or-string");
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(at(path) + ": null is not allowed (a server drops it, losing what the author meant)");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            checkIntOrString(path, schema, value);
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> checkObject(path, schema, value);
            case "array" -> checkArray(path, schema, value);
            case "string" -> checkString(path, schema, value);
            case "integer" -> checkInteger(path, schema, value);
            case "number" -> expect(path, value.isNumber(), "must be a number");
            case "boolean" -> expect(path, value.isBoolean(), "must be a boolean");
            default -> throw new IllegalStateException("schema at " + path + " has no structural type: " + type);
        }
    }

    private void checkObject(String path, JsonNode schema, JsonNode value) {
        if (!expect(path, value.isObject(), "must be an object")) {
            return;
        }
        if (path.equals(".metadata")) {
            // The server validates the rest of ObjectMeta itself; a CRD may only restrict name and generateName.
            for (String declared : List.of("name", "generateName")) {
                if (value.has(declared) && schema.path("properties").has(declared)) {
                    check(path + "." + declared, schema.path("properties").get(declared), value.get(declared));
                }
            }
            return;
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            errors.add(at(path) + ": must have at most " + schema.get("maxProperties").asInt() + " properties");
        }
        for (JsonNode required : schema.path("required")) {
            JsonNode field = value.get(required.asText());
            if (field == null || field.isNull()) {
                errors.add(at(path) + ": required field '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(fieldPath, properties.get(field.getKey()), field.getValue());
            } else if (additional != null && additional.isObject()) {
                check(fieldPath, additional, field.getValue());
            } else if (!preserveUnknown) {
                errors.add(at(fieldPath) + ": unknown field (a server would prune it)");
            }
        }
    }

    private void checkArray(String path, JsonNode schema, JsonNode value) {
        if (!expect(path, value.isArray(), "must be an array")) {
            return;
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(at(path) + ": must have at most " + schema.get("maxItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            check(path + "[" + i + "]", schema.get("items"), value.get(i));
        }
    }

    private void checkString(String path, JsonNode schema, JsonNode value) {
        if (!expect(path, value.isTextual(), "must be a string")) {
            return;
        }
        String text = value.asText();
        checkEnum(path, schema, value);
        int length = text.codePointCount(0, text.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(at(path) + ": must be at most " + schema.get("maxLength").asInt() + " characters");
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(at(path) + ": must be at least " + schema.get("minLength").asInt() + " characters");
        }
        checkPattern(path, schema, text);
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                errors.add(at(path) + ": must be an RFC 3339 date-time");
            }
        }
    }

    private void checkInteger(String path, JsonNode schema, JsonNode value) {
        if (!expect(path, value.isIntegralNumber(), "must be an integer")) {
            return;
        }
        long number = value.asLong();
        if ("int32".equals(schema.path("format").asText())
                && (!value.canConvertToInt() || number != (int) number)) {
            errors.add(at(path) + ": must fit in int32");
        }
        if (schema.has("minimum") && number < schema.get("minimum").asLong()) {
            errors.add(at(path) + ": must be >= " + schema.get("minimum").asLong());
        }
        if (schema.has("maximum") && number > schema.get("maximum").asLong()) {
            errors.add(at(path) + ": must be <= " + schema.get("maximum").asLong());
        }
        checkEnum(path, schema, value);
    }

    private void checkIntOrString(String path, JsonNode schema, JsonNode value) {
        if (expect(path, value.isIntegralNumber() || value.isTextual(), "must be an integer or a string")
                && value.isTextual()) {
            checkPattern(path, schema, value.asText());
        }
    }

    private void checkPattern(String path, JsonNode schema, String text) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            errors.add(at(path) + ": must match " + schema.get("pattern").asText());
        }
    }

    private void checkEnum(String path, JsonNode schema, JsonNode value) {
        if (!schema.has("enum")) {
            return;
        }
        for (JsonNode allowed : schema.get("enum")) {
            if (allowed.equals(value)) {
                return;
            }
        }
        errors.add(at(path) + ": " + value + " is not one of " + schema.get("enum"));
    }

    private boolean expect(String path, boolean ok, String message) {
        if (!ok) {
            errors.add(at(path) + ": " + message);
        }
        return ok;
    }

    private static String at(String path) {
        return path.isEmpty() ? "<root>" : path.substring(1);
    }
}
