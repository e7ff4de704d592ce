package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the project's ValidatingAdmissionPolicies (kustomize/base/admission-policy, one per kind) evaluated as the API server evaluates
 * it, with real CEL: {@code object}, {@code oldObject} (null on CREATE) and {@code request} bound to the request,
 * {@code variables} computed in order, every validation run, a false one refusing with its messageExpression (or
 * message), an error refusing too (failurePolicy Fail). Expressions compile with the variables the server declares
 * as dynamic ({@code object} is a custom resource), so a typo in a field name shows only when evaluated: the tables
 * in AdmissionPolicyTest evaluate every branch.
 */
final class AdmissionPolicy {
    static final String DIRECTORY = "kustomize/base/admission-policy";

    /** The server's answer: allowed, or the refusal messages. */
    record Decision(List<String> refusals) {
        boolean allowed() {
            return refusals.isEmpty();
        }
    }

    private record Validation(CelRuntime.Program expression, Optional<CelRuntime.Program> messageExpression,
            String message) {
    }

    private final JsonNode policy;
    private final Map<String, CelRuntime.Program> variables = new LinkedHashMap<>();
    private final List<Validation> validations = new ArrayList<>();

    private AdmissionPolicy(JsonNode policy) {
        this.policy = policy;
        Cel cel = CelEnvironments.withVariables(Map.of("object", SimpleType.DYN, "oldObject", SimpleType.DYN,
                "request", SimpleType.DYN, "variables", MapType.create(SimpleType.STRING, SimpleType.DYN)));
        for (JsonNode v : policy.at("/spec/variables")) {
            variables.put(v.path("name").asText(), program(cel, v.path("expression").asText()));
        }
        for (JsonNode v : policy.at("/spec/validations")) {
            String messageExpression = v.path("messageExpression").asText("");
            validations.add(new Validation(program(cel, v.path("expression").asText()),
                    messageExpression.isEmpty() ? Optional.empty() : Optional.of(program(cel, messageExpression)),
                    v.path("message").asText("")));
        }
    }

    /** The policy for this kind, from kustomize/base/admission-policy/<plural>.yaml. */
    static AdmissionPolicy forKind(String kind) {
        return new AdmissionPolicy(policyManifest(kind));
    }

    static JsonNode policyManifest(String kind) {
        return documents(kind).get(0);
    }

    static JsonNode bindingManifest(String kind) {
        return documents(kind).get(1);
    }

    /** The file's documents: the policy, then its binding. */
    private static List<JsonNode> documents(String kind) {
        String plural = kind.equals(ApiGroup.SCHEDULED_SPARK_APPLICATION) ? "scheduledsparkapplications"
                : "sparkapplications";
        List<JsonNode> documents = new ArrayList<>();
        String text = Manifests.text(Manifests.file(DIRECTORY + "/" + plural + ".yaml"));
        for (String document : text.split("(?m)^---\\s*$")) {
            documents.add(Manifests.tree(document));
        }
        if (documents.size() != 2 || !documents.get(0).path("kind").asText().equals("ValidatingAdmissionPolicy")
                || !documents.get(1).path("kind").asText().equals("ValidatingAdmissionPolicyBinding")) {
            throw new AssertionError(plural + ".yaml must hold the policy, then its binding");
        }
        return documents;
    }

    /** Whether the policy's matchConstraints select this request (group sparkoperator.k8s.io, version v1beta2). */
    boolean matches(String resource, String operation) {
        for (JsonNode rule : policy.at("/spec/matchConstraints/resourceRules")) {
            if (contains(rule.path("apiGroups"), ApiGroup.GROUP) && contains(rule.path("apiVersions"), ApiGroup.VERSION)
                    && contains(rule.path("resources"), resource) && contains(rule.path("operations"), operation)) {
                return true;
            }
        }
        return false;
    }

    /** The decision on a CREATE ({@code oldObject} null) or UPDATE of {@code object}. */
    Decision admit(JsonNode object, JsonNode oldObject) {
        String operation = oldObject == null ? "CREATE" : "UPDATE";
        Map<String, Object> activation = new LinkedHashMap<>();
        activation.put("object", value(object));
        activation.put("oldObject", oldObject == null ? NullValue.NULL_VALUE : value(oldObject));
        activation.put("request", Map.of("operation", operation,
                "namespace", object.at("/metadata/namespace").asText(),
                "name", object.at("/metadata/name").asText(),
                "kind", Map.of("group", ApiGroup.GROUP, "version", ApiGroup.VERSION, "kind", object.path("kind").asText())));
        Map<String, Object> computed = new LinkedHashMap<>();
        activation.put("variables", computed);
        for (Map.Entry<String, CelRuntime.Program> v : variables.entrySet()) {
            try {
                computed.put(v.getKey(), v.getValue().eval(activation));
            } catch (CelEvaluationException e) {
                // The server evaluates variables lazily; an error here refuses only through the expression using it.
                computed.put(v.getKey(), new VariableError(e.getMessage()));
            }
        }
        List<String> refusals = new ArrayList<>();
        for (Validation v : validations) {
            try {
                Object result = v.expression().eval(activation);
                if (!Boolean.TRUE.equals(result)) {
                    refusals.add(message(v, activation));
                }
            } catch (CelEvaluationException e) {
                refusals.add("expression error (failurePolicy Fail refuses): " + e.getMessage());
            }
        }
        return new Decision(refusals);
    }

    /** A variable that failed; using it fails the expression, as on the server. */
    private record VariableError(String error) {
    }

    private static String message(Validation v, Map<String, Object> activation) {
        if (v.messageExpression().isPresent()) {
            try {
                if (v.messageExpression().get().eval(activation) instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException e) {
                // The server falls back to message.
            }
        }
        return v.message();
    }

    private static CelRuntime.Program program(Cel cel, String expression) {
        try {
            return cel.createProgram(CelEnvironments.compile(cel, expression));
        } catch (CelEvaluationException e) {
            throw new AssertionError("no program for " + expression, e);
        }
    }

    /** A JSON value as the server hands an unstructured object to CEL: maps, lists, strings, int64, double, bool. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(value(e)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value) || item.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }
}
