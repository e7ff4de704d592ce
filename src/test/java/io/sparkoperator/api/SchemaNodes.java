package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.BiConsumer;

/** Visits every schema node below an OpenAPI schema: properties as {@code .name}, items as {@code []}, map values as {@code {}}. */
final class SchemaNodes {
    private SchemaNodes() {
    }

    static void visit(String path, JsonNode schema, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(path, schema);
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            visit(path + "." + property.getKey(), property.getValue(), visitor);
        }
        if (schema.has("items")) {
            visit(path + "[]", schema.get("items"), visitor);
        }
        if (schema.path("additionalProperties").isObject()) {
            visit(path + "{}", schema.get("additionalProperties"), visitor);
        }
    }
}
