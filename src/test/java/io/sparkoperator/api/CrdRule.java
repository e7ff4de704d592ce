package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code x-kubernetes-validations} entry of a CRD schema, with the schema node it sits on.
 *
 * @param path where it sits, as {@link SchemaNodes} writes it ({@code ""} for the root, {@code .spec.sparkConf},
 *             {@code []} for list items, {@code {}} for map values)
 */
record CrdRule(String path, JsonNode schema, String rule, String message, String messageExpression) {

    static List<CrdRule> all(JsonNode rootSchema) {
        List<CrdRule> rules = new ArrayList<>();
        SchemaNodes.visit("", rootSchema, (path, schema) -> {
            for (JsonNode r : schema.path("x-kubernetes-validations")) {
                rules.add(new CrdRule(path, schema, r.path("rule").asText(), r.path("message").asText(""),
                        r.path("messageExpression").asText("")));
            }
        });
        return rules;
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "<root>" : path) + ": " + rule;
    }
}
