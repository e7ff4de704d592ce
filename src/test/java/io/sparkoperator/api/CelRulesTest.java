package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CEL rules that replace the Go operator's validating webhook, evaluated with real CEL (dev.cel) on manifests
 * that must be stored and manifests that must be refused, for both kinds (the scheduled kind carries the same rules
 * under spec.template). Each case is examples/spark-pi(-scheduled).yaml with one change. That every key of the
 * controller's deny-list is refused is ForbiddenSparkConfInCrdsTest's.
 */
class CelRulesTest {
    private static final String KINDS = "SparkApplication,ScheduledSparkApplication";
    private static final String NAME = "metadata.name must be a DNS-1035 label";
    private static final String NODE_SELECTOR = "spec.nodeSelector cannot be used together";
    private static final String CONF = "sparkConf must not set what the operator sets";
    private static final String PORTS = "driverIngressOptions must have unique servicePort values";
    private static final String URLS = "driverIngressOptions must have unique ingressURLFormat values";

    /** A change to the manifest (root) or to the application spec (spec, or spec.template). */
    private record Change(String description, Consumer<ObjectNode> onRoot, Consumer<ObjectNode> onSpec) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Change name(String name) {
        return new Change("name " + name.replace("\n", "\\n"), root -> ((ObjectNode) root.get("metadata")).put("name", name),
                spec -> { });
    }

    private static Change spec(String description, Consumer<ObjectNode> onSpec) {
        return new Change(description, root -> { }, onSpec);
    }

    private static Change conf(String key) {
        return spec("sparkConf " + key, s -> s.putObject("sparkConf").put(key, "x"));
    }

    private static Change ingress(int port1, String url1, int port2, String url2) {
        return spec("ingress " + port1 + " " + url1 + " / " + port2 + " " + url2, s -> {
            var list = s.putArray("driverIngressOptions");
            list.addObject().put("servicePort", port1).put("ingressURLFormat", url1);
            list.addObject().put("servicePort", port2).put("ingressURLFormat", url2);
        });
    }

    private static ObjectNode nodeSelector(ObjectNode on) {
        return on.putObject("nodeSelector").put("disk", "ssd");
    }

    static Stream<Arguments> stored() {
        return Stream.of(
                name("spark-pi"), name("a"), name("a1"), name("x".repeat(52)), name("spark-pi-2026"),
                spec("only spec.nodeSelector", CelRulesTest::nodeSelector),
                spec("driver and executor nodeSelector", s -> {
                    nodeSelector((ObjectNode) s.get("driver"));
                    nodeSelector((ObjectNode) s.get("executor"));
                }),
                conf("spark.ui.port"), conf("spark.kubernetes.driver.pod.name"),
                // The webhook compared it with the namespace, which a CRD rule cannot see: the policy's and the
                // controller's (AdmissionPolicyTest, SubmissionValidatorTest).
                conf("spark.kubernetes.namespace"),
                conf("spark.kubernetes.authenticate.submissionDeadline"), conf("spark.masterx"),
                spec("1000 sparkConf entries", s -> {
                    ObjectNode c = s.putObject("sparkConf");
                    for (int i = 0; i < 1000; i++) {
                        c.put("spark.test.key" + i, "v");
                    }
                }),
                ingress(4041, "a.example/{{$appName}}", 4042, "b.example/{{$appName}}"),
                spec("32 distinct ingress options", s -> {
                    var list = s.putArray("driverIngressOptions");
                    for (int i = 0; i < 32; i++) {
                        list.addObject().put("servicePort", 4040 + i).put("ingressURLFormat", "u" + i + ".example");
                    }
                })
        ).flatMap(c -> kinds().map(k -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("stored")
    void storesWhatTheWebhookAccepted(String kind, Change change) {
        assertEquals(List.of(), violations(kind, change));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(name("bad.name"), NAME), Arguments.of(name("Spark-Pi"), NAME),
                Arguments.of(name("1spark"), NAME), Arguments.of(name("spark-"), NAME),
                Arguments.of(name("-spark"), NAME), Arguments.of(name("spark_pi"), NAME),
                Arguments.of(name("spark\npi"), NAME), Arguments.of(name("x".repeat(64)), NAME),
                Arguments.of(spec("spec and driver nodeSelector", s -> {
                    nodeSelector(s);
                    nodeSelector((ObjectNode) s.get("driver"));
                }), NODE_SELECTOR),
                Arguments.of(spec("spec and executor nodeSelector", s -> {
                    nodeSelector(s);
                    nodeSelector((ObjectNode) s.get("executor"));
                }), NODE_SELECTOR),
                Arguments.of(conf("spark.master"), CONF),
                Arguments.of(conf("spark.kubernetes.container.image"), CONF),
                Arguments.of(conf("spark.kubernetes.authenticate.driver.serviceAccountName"), CONF),
                Arguments.of(conf("spark.kubernetes.driver.podTemplateFile"), CONF),
                Arguments.of(conf("spark.kubernetes.submission.waitAppCompletion"), CONF),
                Arguments.of(conf("spark.kubernetes.authenticate.submission.oauthToken"), CONF),
                Arguments.of(conf("spark.kubernetes.authenticate.submission.caCertFile"), CONF),
                Arguments.of(ingress(4041, "a.example", 4041, "b.example"), PORTS),
                Arguments.of(ingress(4041, "a.example", 4042, "a.example"), URLS)
        ).flatMap(a -> kinds().map(k -> Arguments.of(k, a.get()[0], a.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesWhatTheWebhookRefused(String kind, Change change, String message) {
        List<String> violations = violations(kind, change);
        assertEquals(1, violations.size(), "one rule refuses it: " + violations);
        assertTrue(violations.get(0).contains(message), violations.get(0));
        String field = change.description().startsWith("name") ? "<nil>"
                : (kind.equals(ApiGroup.SPARK_APPLICATION) ? "spec" : "spec.template")
                + (message.equals(NODE_SELECTOR) ? "" : message.equals(CONF) ? ".sparkConf" : ".driverIngressOptions");
        assertTrue(violations.get(0).startsWith(field + ": Invalid value: "), "the server names the field: "
                + violations.get(0));
    }

    /** A run is named {@code <parent>-<10-digit time>}: the parent's name leaves room for it in 63 characters. */
    @Test
    void aScheduledNameLeavesRoomForItsRunNames() {
        assertEquals(List.of(), violations(ApiGroup.SPARK_APPLICATION, name("x".repeat(63))));
        List<String> refused = violations(ApiGroup.SCHEDULED_SPARK_APPLICATION, name("x".repeat(53)));
        assertEquals(1, refused.size(), refused::toString);
        assertTrue(refused.get(0).contains("metadata.name must be a DNS-1035 label of at most 52 characters (each run is"
                + " a SparkApplication named <name>-<10-digit time>, at most 63)"), refused.get(0));
        assertEquals(63, ("x".repeat(52) + "-" + "1796232790").length());
    }

    /** Every rule of each CRD is exercised by a refusing case above, so a new rule needs its own cases. */
    @ParameterizedTest
    @ValueSource(strings = {ApiGroup.SPARK_APPLICATION, ApiGroup.SCHEDULED_SPARK_APPLICATION})
    void everyRuleHasARefusingCase(String kind) {
        Set<String> tested = refused().map(a -> (String) a.get()[2]).collect(Collectors.toCollection(TreeSet::new));
        List<String> untested = new ArrayList<>();
        for (CrdRule rule : CrdRule.all(Manifests.crdForKind(kind).at("/spec/versions/0/schema/openAPIV3Schema"))) {
            assertTrue(rule.message().length() >= 40, "a message a user can act on: " + rule);
            if (tested.stream().noneMatch(rule.message()::startsWith)) {
                untested.add(rule.toString());
            }
        }
        assertEquals(List.of(), untested);
    }

    private static Stream<String> kinds() {
        return Stream.of(KINDS.split(","));
    }

    private static List<String> violations(String kind, Change change) {
        boolean scheduled = kind.equals(ApiGroup.SCHEDULED_SPARK_APPLICATION);
        ObjectNode manifest = (ObjectNode) Manifests.tree(Manifests.file(
                scheduled ? "examples/spark-pi-scheduled.yaml" : "examples/spark-pi.yaml")).deepCopy();
        change.onRoot().accept(manifest);
        change.onSpec().accept((ObjectNode) manifest.at(scheduled ? "/spec/template" : "/spec"));
        JsonNode crd = Manifests.crdForKind(kind);
        return CrdRuleEvaluator.violations(crd, manifest);
    }
}
