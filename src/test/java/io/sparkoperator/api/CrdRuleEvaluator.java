package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a CRD's {@code x-kubernetes-validations} rules on a manifest with real CEL, as the API server does on
 * create and update: every rule runs where its schema node has a value, with {@code self} bound to that value (typed
 * and pruned by {@link SchemaCel}); a rule that is false or fails refuses the object. The refusals read like the
 * server's ({@code spec.sparkConf: Invalid value: "object": <message>}). Not emulated: the server's cost limits
 * (see {@link CelIterationBounds}), transition rules ({@code oldSelf}, none here: such a rule would not compile).
 */
final class CrdRuleEvaluator {
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CrdRuleEvaluator() {
    }

    /** Every refusal of the CRD's rules for the manifest, in schema order; empty when all rules hold. */
    static List<String> violations(JsonNode crd, JsonNode manifest) {
        List<String> out = new ArrayList<>();
        walk("", crd.at("/spec/versions/0/schema/openAPIV3Schema"), manifest, true, out);
        return out;
    }

    private static void walk(String field, JsonNode schema, JsonNode value, boolean root, List<String> out) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            evaluate(field, schema, value, root, rule).ifPresent(out::add);
        }
        if (value.isObject()) {
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> child : value.properties()) {
                JsonNode childSchema = schema.path("properties").get(child.getKey());
                if (childSchema != null) {
                    walk(join(field, child.getKey()), childSchema, child.getValue(), false, out);
                } else if (additional != null && additional.isObject()) {
                    walk(field + "[" + child.getKey() + "]", additional, child.getValue(), false, out);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(field + "[" + i + "]", schema.get("items"), value.get(i), false, out);
            }
        }
    }

    private static Optional<String> evaluate(String field, JsonNode schema, JsonNode value, boolean root,
            JsonNode rule) {
        Map<String, Object> self = Map.of("self", SchemaCel.value(schema, value, root));
        String at = (field.isEmpty() ? "<nil>" : field) + ": Invalid value: \"" + typeWord(schema) + "\": ";
        try {
            Object result = program(schema, rule.path("rule").asText()).eval(self);
            if (Boolean.TRUE.equals(result)) {
                return Optional.empty();
            }
            if (!(result instanceof Boolean)) {
                return Optional.of(at + "rule is not a bool: " + result);
            }
            return Optional.of(at + message(schema, rule, self));
        } catch (CelEvaluationException e) {
            return Optional.of(at + "rule failed: " + e.getMessage());
        }
    }

    private static String message(JsonNode schema, JsonNode rule, Map<String, Object> self) {
        String expression = rule.path("messageExpression").asText("");
        if (!expression.isEmpty()) {
            try {
                if (program(schema, expression).eval(self) instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException e) {
                // The server falls back to message, as here.
            }
        }
        String message = rule.path("message").asText("");
        return message.isEmpty() ? "failed rule: " + rule.path("rule").asText() : message;
    }

    static CelRuntime.Program program(JsonNode schema, String expression) {
        CelType type = SchemaCel.type(schema);
        return PROGRAMS.computeIfAbsent(type + "\n" + expression, k -> {
            Cel cel = CelEnvironments.withVariables(Map.of("self", type));
            try {
                return cel.createProgram(CelEnvironments.compile(cel, expression));
            } catch (CelEvaluationException e) {
                throw new AssertionError("no program for " + expression, e);
            }
        });
    }

    private static String typeWord(JsonNode schema) {
        return schema.path("type").asText("object");
    }

    private static String join(String field, String name) {
        return field.isEmpty() ? name : field + "." + name;
    }
}
