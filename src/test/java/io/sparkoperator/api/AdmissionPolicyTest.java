package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final AdmissionPolicy POLICY = AdmissionPolicy.load();
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
        assertEquals(List.of(), POLICY.admit(object, old).refusals());
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
        String field = kind.equals(ApiGroup.SPARK_APPLICATION) ? "spec.sparkConf" : "spec.template.sparkConf";
        assertEquals(List.of(field + "[spark.kubernetes.namespace] is \"" + value + "\" but must be the " + kind
                        + "'s own namespace \"default\" (remove it: the operator sets it): Spark would create the"
                        + " driver and executors in another namespace"),
                POLICY.admit(object, old).refusals());
    }

    @Test
    void theStaticMessageNamesTheFieldToo() {
        String message = AdmissionPolicy.policyManifest().at("/spec/validations/0/message").asText();
        assertTrue(message.startsWith("sparkConf[spark.kubernetes.namespace] must be the application's own namespace"),
                message);
    }

    @Test
    void matchesBothKindsOnCreateAndUpdateOnly() {
        for (String resource : List.of("sparkapplications", "scheduledsparkapplications")) {
            assertTrue(POLICY.matches(resource, "CREATE"), resource);
            assertTrue(POLICY.matches(resource, "UPDATE"), resource);
            assertFalse(POLICY.matches(resource, "DELETE"), "deleting must never be refused: " + resource);
        }
        assertFalse(POLICY.matches("sparkapplications/status", "UPDATE"), "the operator's status writes pass");
        assertFalse(POLICY.matches("pods", "CREATE"));
        JsonNode policy = AdmissionPolicy.policyManifest();
        assertEquals("admissionregistration.k8s.io/v1", policy.path("apiVersion").asText());
        assertEquals("Fail", policy.at("/spec/failurePolicy").asText(), "an error refuses rather than admits");
        assertTrue(policy.at("/spec/paramKind").isMissingNode(), "no parameters: nothing else to install");
    }

    @Test
    void theBindingDeniesWithThePolicyEverywhere() {
        JsonNode binding = AdmissionPolicy.bindingManifest();
        assertEquals("admissionregistration.k8s.io/v1", binding.path("apiVersion").asText());
        assertEquals(AdmissionPolicy.policyManifest().at("/metadata/name").asText(),
                binding.at("/spec/policyName").asText());
        assertEquals("[\"Deny\"]", binding.at("/spec/validationActions").toString());
        assertTrue(binding.at("/spec/matchResources").isMissingNode(), "every namespace");
        assertTrue(binding.at("/spec/paramRef").isMissingNode());
    }

    /** No expression iterates or scans what the CRDs leave unbounded (the same check as the CRD rules'). */
    @Test
    void everyExpressionIsBoundedByTheCrds() {
        JsonNode policy = AdmissionPolicy.policyManifest();
        List<String> expressions = new ArrayList<>();
        for (JsonNode v : policy.at("/spec/validations")) {
            expressions.add(v.path("expression").asText());
            expressions.add(v.path("messageExpression").asText("true"));
        }
        List<JsonNode> roots = List.of(
                Manifests.rootSchema(Manifests.APP_CRD), Manifests.rootSchema(Manifests.SCHEDULED_CRD));
        assertEquals(List.of(), CelIterationBounds.ofPolicy("policy", expressions, roots, variables()));
    }

    /** The analysis does see the policy's membership tests: without maxProperties on sparkConf they are unbounded. */
    @Test
    void theBoundsCheckWouldSeeAnUnboundedSparkConf() {
        ObjectNode app = Manifests.rootSchema(Manifests.APP_CRD).deepCopy();
        ((ObjectNode) app.at("/properties/spec/properties/sparkConf")).remove("maxProperties");
        List<String> problems = CelIterationBounds.ofPolicy("policy",
                List.of(AdmissionPolicy.policyManifest().at("/spec/validations/0/expression").asText()),
                List.of(app, Manifests.rootSchema(Manifests.SCHEDULED_CRD)), variables());
        assertTrue(problems.stream().anyMatch(p -> p.contains(".spec.sparkConf (a map) without maxProperties")),
                problems.toString());
    }

    private static Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        AdmissionPolicy.policyManifest().at("/spec/variables")
                .forEach(v -> variables.put(v.path("name").asText(), v.path("expression").asText()));
        return variables;
    }

    private static Stream<String> kinds() {
        return Stream.of(ApiGroup.SPARK_APPLICATION, ApiGroup.SCHEDULED_SPARK_APPLICATION);
    }
}
