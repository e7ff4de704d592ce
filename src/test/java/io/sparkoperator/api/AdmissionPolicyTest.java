package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission policy refuses a sparkConf namespace other than the application's own, for SparkApplication and
 * for a ScheduledSparkApplication's template, on CREATE and on an UPDATE that brings the value in; it stores
 * everything else. Evaluated with real CEL on manifests in namespace {@code default}. The controller keeps the same
 * check for clusters without the policy (SubmissionValidatorTest).
 */
class AdmissionPolicyTest {
    private static final String NS = "spark.kubernetes.namespace";

    /** examples/spark-pi(-scheduled).yaml in namespace default, with these sparkConf entries (none if null). */
    private static ObjectNode manifest(String kind, Map<String, String> sparkConf) {
        boolean scheduled = kind.equals(ApiGroup.SCHEDULED_SPARK_APPLICATION);
        ObjectNode m = (ObjectNode) Manifests.tree(Manifests.file(
                scheduled ? "examples/spark-pi-scheduled.yaml" : "examples/spark-pi.yaml")).deepCopy();
        if (sparkConf != null) {
            ObjectNode conf = ((ObjectNode) m.at(scheduled ? "/spec/template" : "/spec")).putObject("sparkConf");
            sparkConf.forEach(conf::put);
        }
        return m;
    }

    static Stream<Arguments> stored() {
        return kinds().flatMap(kind -> Stream.of(
                Arguments.of(kind, "no sparkConf", null, manifest(kind, null)),
                Arguments.of(kind, "sparkConf without a namespace", null,
                        manifest(kind, Map.of("spark.ui.port", "4041"))),
                Arguments.of(kind, "its own namespace", null, manifest(kind, Map.of(NS, "default"))),
                Arguments.of(kind, "an update of an object stored with another namespace, value unchanged",
                        manifest(kind, Map.of(NS, "kube-system")),
                        manifest(kind, Map.of(NS, "kube-system", "spark.ui.port", "4041"))),
                Arguments.of(kind, "an update that removes another namespace", manifest(kind, Map.of(NS, "kube-system")),
                        manifest(kind, Map.of()))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("stored")
    void storesWhatTheControllerAccepts(String kind, String description, JsonNode old, JsonNode object) {
        assertEquals(List.of(), AdmissionPolicy.forKind(kind).admit(object, old).refusals());
    }

    static Stream<Arguments> refused() {
        return kinds().flatMap(kind -> Stream.of(
                Arguments.of(kind, "another namespace", null, manifest(kind, Map.of(NS, "kube-system")), "kube-system"),
                Arguments.of(kind, "an empty namespace", null, manifest(kind, Map.of(NS, "")), ""),
                Arguments.of(kind, "an update that brings another namespace in", manifest(kind, Map.of()),
                        manifest(kind, Map.of(NS, "kube-system")), "kube-system"),
                Arguments.of(kind, "an update from one foreign namespace to another",
                        manifest(kind, Map.of(NS, "kube-system")), manifest(kind, Map.of(NS, "team-b")), "team-b"),
                Arguments.of(kind, "an update that adds sparkConf with another namespace", manifest(kind, null),
                        manifest(kind, Map.of(NS, "kube-system")), "kube-system")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesAnotherNamespaceWithAMessageNamingTheField(String kind, String description, JsonNode old,
            JsonNode object, String value) {
        assertEquals(List.of(field(kind) + "[spark.kubernetes.namespace] is \"" + value + "\" but must be the " + kind
                        + "'s own namespace \"default\" (remove it: the operator sets it): Spark would create the"
                        + " driver and executors in another namespace"),
                AdmissionPolicy.forKind(kind).admit(object, old).refusals());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theStaticMessageNamesTheFieldToo(String kind) {
        String message = AdmissionPolicy.policyManifest(kind).at("/spec/validations/0/message").asText();
        assertTrue(message.startsWith(field(kind) + "[spark.kubernetes.namespace] must be the " + kind
                + "'s own namespace"), message);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachPolicyMatchesItsKindOnCreateAndUpdateOnly(String kind) {
        String resource = resource(kind);
        String other = resource.equals("sparkapplications") ? "scheduledsparkapplications" : "sparkapplications";
        AdmissionPolicy policy = AdmissionPolicy.forKind(kind);
        assertTrue(policy.matches(resource, "CREATE"), resource);
        assertTrue(policy.matches(resource, "UPDATE"), resource);
        assertFalse(policy.matches(resource, "DELETE"), "deleting must never be refused: " + resource);
        assertFalse(policy.matches(resource + "/status", "UPDATE"), "the operator's status writes pass");
        assertFalse(policy.matches(other, "CREATE"), "one policy per kind: " + other);
        JsonNode manifest = AdmissionPolicy.policyManifest(kind);
        assertEquals("admissionregistration.k8s.io/v1", manifest.path("apiVersion").asText());
        assertEquals("Fail", manifest.at("/spec/failurePolicy").asText(), "an error refuses rather than admits");
        assertTrue(manifest.at("/spec/paramKind").isMissingNode(), "no parameters: nothing else to install");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theBindingDeniesWithThePolicyEverywhere(String kind) {
        JsonNode binding = AdmissionPolicy.bindingManifest(kind);
        assertEquals("admissionregistration.k8s.io/v1", binding.path("apiVersion").asText());
        assertEquals(AdmissionPolicy.policyManifest(kind).at("/metadata/name").asText(),
                binding.at("/spec/policyName").asText());
        assertEquals(binding.at("/spec/policyName").asText(), binding.at("/metadata/name").asText());
        assertEquals("[\"Deny\"]", binding.at("/spec/validationActions").toString());
        assertTrue(binding.at("/spec/matchResources").isMissingNode(), "every namespace");
        assertTrue(binding.at("/spec/paramRef").isMissingNode());
    }

    /** No expression iterates or scans what the CRD leaves unbounded (the same check as the CRD rules'). */
    @ParameterizedTest
    @MethodSource("kinds")
    void everyExpressionIsBoundedByTheCrd(String kind) {
        JsonNode policy = AdmissionPolicy.policyManifest(kind);
        List<String> expressions = new ArrayList<>();
        for (JsonNode v : policy.at("/spec/validations")) {
            expressions.add(v.path("expression").asText());
            expressions.add(v.path("messageExpression").asText("true"));
        }
        assertEquals(List.of(), CelIterationBounds.ofPolicy(kind, expressions,
                List.of(Manifests.crdForKind(kind).at("/spec/versions/0/schema/openAPIV3Schema")), variables(kind)));
    }

    /** The analysis does see the policy's membership tests: without maxProperties on sparkConf they are unbounded. */
    @Test
    void theBoundsCheckWouldSeeAnUnboundedSparkConf() {
        String kind = ApiGroup.SPARK_APPLICATION;
        ObjectNode app = Manifests.rootSchema(Manifests.APP_CRD).deepCopy();
        ((ObjectNode) app.at("/properties/spec/properties/sparkConf")).remove("maxProperties");
        List<String> problems = CelIterationBounds.ofPolicy(kind,
                List.of(AdmissionPolicy.policyManifest(kind).at("/spec/validations/0/expression").asText()),
                List.of(app), variables(kind));
        assertTrue(problems.stream().anyMatch(p -> p.contains(".spec.sparkConf (a map) without maxProperties")),
                problems.toString());
    }

    /** Each policy reads only fields its kind's schema declares (what the server's type check would report). */
    @ParameterizedTest
    @MethodSource("kinds")
    void readsOnlyFieldsItsCrdDeclares(String kind) {
        JsonNode root = Manifests.crdForKind(kind).at("/spec/versions/0/schema/openAPIV3Schema");
        JsonNode policy = AdmissionPolicy.policyManifest(kind);
        List<String> expressions = new ArrayList<>(variables(kind).values());
        policy.at("/spec/validations").forEach(v -> {
            expressions.add(v.path("expression").asText());
            expressions.add(v.path("messageExpression").asText("true"));
        });
        List<String> undeclared = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (String expression : expressions) {
            selects(CelEnvironments.parse(expression).getExpr(), path -> {
                read.add(path);
                if (!declared(root, path)) {
                    undeclared.add(path);
                }
            });
        }
        assertTrue(read.stream().anyMatch(p -> p.endsWith(".sparkConf")), "reads sparkConf: " + read);
        assertEquals(List.of(), undeclared, kind + " policy reads fields its CRD does not declare");
    }

    /** Every field path read from object/oldObject ("spec.sparkConf"), outermost selects only. */
    private static void selects(CelExpr e, java.util.function.Consumer<String> out) {
        if (e.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            String path = path(e);
            if (path != null) {
                out.accept(path);
                return;
            }
        }
        switch (e.getKind()) {
            case SELECT -> selects(e.select().operand(), out);
            case CALL -> {
                e.call().target().ifPresent(t -> selects(t, out));
                e.call().args().forEach(a -> selects(a, out));
            }
            case LIST -> e.list().elements().forEach(x -> selects(x, out));
            case COMPREHENSION -> {
                selects(e.comprehension().iterRange(), out);
                selects(e.comprehension().loopStep(), out);
            }
            default -> {
            }
        }
    }

    private static String path(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            return e.ident().name().equals("object") || e.ident().name().equals("oldObject") ? "" : null;
        }
        if (e.getKind() != CelExpr.ExprKind.Kind.SELECT) {
            return null;
        }
        String parent = path(e.select().operand());
        return parent == null ? null : (parent.isEmpty() ? "" : parent + ".") + e.select().field();
    }

    private static boolean declared(JsonNode root, String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            if (node.path("type").asText().equals("object") && node == root.at("/properties/metadata")) {
                return true; // metadata is ObjectMeta, which the server declares in full for a policy
            }
            node = node.path("properties").path(name);
            if (node.isMissingNode()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> variables(String kind) {
        Map<String, String> variables = new LinkedHashMap<>();
        AdmissionPolicy.policyManifest(kind).at("/spec/variables")
                .forEach(v -> variables.put(v.path("name").asText(), v.path("expression").asText()));
        return variables;
    }

    private static String field(String kind) {
        return kind.equals(ApiGroup.SPARK_APPLICATION) ? "spec.sparkConf" : "spec.template.sparkConf";
    }

    private static String resource(String kind) {
        return kind.equals(ApiGroup.SPARK_APPLICATION) ? "sparkapplications" : "scheduledsparkapplications";
    }

    static Stream<String> kinds() {
        return Stream.of(ApiGroup.SPARK_APPLICATION, ApiGroup.SCHEDULED_SPARK_APPLICATION);
    }
}
