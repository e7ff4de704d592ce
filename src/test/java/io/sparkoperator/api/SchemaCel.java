package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the API server presents a value under a structural schema to a CEL rule: its CEL type (maps of strings stay
 * maps of strings, lists keep their item type; objects with declared properties become string-keyed maps, which
 * CEL selects fields of and tests with {@code has()} like the server's object types) and the value itself, pruned to
 * what the schema declares. At the root only {@code metadata.name} and {@code generateName} are visible, as to a
 * CRD rule on a real server.
 */
final class SchemaCel {
    private static final Set<String> ROOT_METADATA = Set.of("name", "generateName");

    private SchemaCel() {
    }

    static CelType type(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return SimpleType.DYN;
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> schema.path("additionalProperties").isObject()
                    ? MapType.create(SimpleType.STRING, type(schema.get("additionalProperties")))
                    : MapType.create(SimpleType.STRING, SimpleType.DYN);
            case "array" -> ListType.create(type(schema.get("items")));
            case "string" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            default -> throw new IllegalStateException("no CEL type for schema " + schema);
        };
    }

    /** The value a rule on {@code schema} sees as {@code self}; {@code root} when the schema is the resource's. */
    static Object value(JsonNode schema, JsonNode value, boolean root) {
        if (value.isNull()) {
            return NullValue.NULL_VALUE;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isNumber() ? (Object) value.asLong() : value.asText();
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> object(schema, value, root);
            case "array" -> {
                List<Object> items = new ArrayList<>();
                value.forEach(item -> items.add(value(schema.get("items"), item, false)));
                yield items;
            }
            case "string" -> value.asText();
            case "integer" -> value.asLong();
            case "number" -> value.asDouble();
            case "boolean" -> value.asBoolean();
            default -> throw new IllegalStateException("no CEL value for schema " + schema);
        };
    }

    private static Map<String, Object> object(JsonNode schema, JsonNode value, boolean root) {
        Map<String, Object> fields = new LinkedHashMap<>();
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String name = field.getKey();
            if (root && name.equals("metadata")) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                field.getValue().properties().forEach(m -> {
                    if (ROOT_METADATA.contains(m.getKey())) {
                        metadata.put(m.getKey(), m.getValue().asText());
                    }
                });
                fields.put(name, metadata);
            } else if (schema.path("properties").has(name)) {
                fields.put(name, value(schema.path("properties").get(name), field.getValue(), false));
            } else if (additional != null && additional.isObject()) {
                fields.put(name, value(additional, field.getValue(), false));
            }
            // Anything else is pruned by the server (or unknown to CEL under x-kubernetes-preserve-unknown-fields).
        }
        return fields;
    }
}
