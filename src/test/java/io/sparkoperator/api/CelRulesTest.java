package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CEL rules that replace the Go operator's validating webhook exist where they must, are bounded for the cost
 * estimator, and (for the name and deny-list rules) refuse and accept what the webhook did, checked through Java
 * equivalents. Only a real API server compiles and evaluates CEL; see crd-facts.md for what was verified there.
 */
class CelRulesTest {
    /** Reference section 2.9, spelled out here so that a key dropped from the CRD is noticed. */
    private static final Set<String> DENIED_KEYS = Set.of(
            "spark.kubernetes.authenticate.driver.serviceAccountName",
            "spark.kubernetes.authenticate.executor.serviceAccountName",
            "spark.kubernetes.authenticate.oauthTokenFile",
            "spark.kubernetes.authenticate.oauthToken",
            "spark.kubernetes.authenticate.driver.oauthTokenFile",
            "spark.kubernetes.authenticate.driver.oauthToken",
            "spark.kubernetes.authenticate.executor.oauthTokenFile",
            "spark.kubernetes.authenticate.executor.oauthToken",
            "spark.master",
            "spark.kubernetes.driver.master",
            "spark.kubernetes.container.image",
            "spark.kubernetes.driver.container.image",
            "spark.kubernetes.executor.container.image");

    private record Rule(String path, String rule, String message) {
    }

    private static List<Rule> rules(JsonNode root) {
        List<Rule> rules = new ArrayList<>();
        SchemaNodes.visit("", root, (path, schema) -> {
            for (JsonNode rule : schema.path("x-kubernetes-validations")) {
                rules.add(new Rule(path, rule.path("rule").asText(), rule.path("message").asText()));
            }
        });
        return rules;
    }

    private static String crdFile(String kind) {
        return kind.equals("SparkApplication") ? Manifests.APP_CRD : Manifests.SCHEDULED_CRD;
    }

    private static String specPath(String kind) {
        return kind.equals("SparkApplication") ? ".spec" : ".spec.template";
    }

    @ParameterizedTest
    @ValueSource(strings = {"SparkApplication", "ScheduledSparkApplication"})
    void everyWebhookCheckHasARuleWithAMessage(String kind) {
        List<Rule> rules = rules(Manifests.rootSchema(crdFile(kind)));
        String spec = specPath(kind);
        List<String> paths = rules.stream().map(Rule::path).sorted().toList();
        assertEquals(new TreeSet<>(List.of("", spec, spec + ".sparkConf", spec + ".driverIngressOptions")),
                new TreeSet<>(paths));
        assertEquals(5, rules.size(), "name, nodeSelector, deny-list, unique ports, unique URL formats");
        for (Rule rule : rules) {
            assertTrue(rule.message().length() >= 40, "a message a user can act on: " + rule);
            assertTrue(balanced(rule.rule()), "balanced parentheses and quotes: " + rule);
        }
        assertTrue(rules.stream().anyMatch(r -> r.path().equals(spec)
                && r.rule().contains("self.nodeSelector") && r.rule().contains("self.driver.nodeSelector")
                && r.rule().contains("self.executor.nodeSelector")));
        assertTrue(rules.stream().anyMatch(r -> r.rule().equals(
                "self.all(x, self.exists_one(y, y.servicePort == x.servicePort))")));
        assertTrue(rules.stream().anyMatch(r -> r.rule().equals(
                "self.all(x, self.exists_one(y, y.ingressURLFormat == x.ingressURLFormat))")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SparkApplication", "ScheduledSparkApplication"})
    void quadraticRulesAreBoundedForTheCostEstimator(String kind) {
        JsonNode root = Manifests.rootSchema(crdFile(kind));
        JsonNode options = schemaAt(root, specPath(kind) + ".driverIngressOptions");
        assertFalse(options.isMissingNode());
        assertTrue(options.path("maxItems").asInt(Integer.MAX_VALUE) <= 32, "maxItems bounds all x exists_one");
        Pattern compared = Pattern.compile("y\\.(\\w+)");
        for (JsonNode rule : options.path("x-kubernetes-validations")) {
            Matcher matcher = compared.matcher(rule.path("rule").asText());
            assertTrue(matcher.find());
            JsonNode field = options.at("/items/properties/" + matcher.group(1));
            assertTrue(field.path("type").asText().equals("integer") || field.path("maxLength").asInt(0) > 0,
                    matcher.group(1) + " is compared pairwise, so a string needs maxLength");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SparkApplication", "ScheduledSparkApplication"})
    void theNameRuleIsDns1035(String kind) {
        CelRuleEmulation.NameRule rule = CelRuleEmulation.nameRule(Manifests.crd(crdFile(kind)));
        assertEquals(63, rule.maxLength());
        for (String good : List.of("spark-pi", "a", "a1", "x".repeat(63), "spark-pi-2026")) {
            assertTrue(rule.allows(good), good);
        }
        for (String bad : List.of("bad.name", "Spark-Pi", "1spark", "spark-", "-spark", "spark_pi", "x".repeat(64), "")) {
            assertFalse(rule.allows(bad), bad);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SparkApplication", "ScheduledSparkApplication"})
    void theSparkConfDenyListIsTheWebhooks(String kind) {
        JsonNode crd = Manifests.crd(crdFile(kind));
        assertEquals(new TreeSet<>(DENIED_KEYS), CelRuleEmulation.deniedSparkConfKeys(CelRuleEmulation.sparkConfSchema(crd)));
        for (String key : DENIED_KEYS) {
            assertEquals(List.of("sparkConf sets denied key " + key),
                    CelRuleEmulation.violations(crd, manifestWithSparkConf(kind, key)));
        }
        // Allowed: ordinary keys, and spark.kubernetes.namespace, which the webhook compared with the app's
        // namespace; CRD rules cannot read metadata.namespace, so that check is the operator's.
        for (String key : List.of("spark.ui.port", "spark.kubernetes.namespace", "spark.kubernetes.driver.pod.name")) {
            assertEquals(List.of(), CelRuleEmulation.violations(crd, manifestWithSparkConf(kind, key)));
        }
    }

    private static JsonNode manifestWithSparkConf(String kind, String key) {
        ObjectNode manifest = (ObjectNode) Manifests.tree("{\"metadata\": {\"name\": \"spark-pi\"}, \"spec\": {\"template\": {}}}");
        ObjectNode spec = kind.equals("SparkApplication") ? (ObjectNode) manifest.get("spec")
                : (ObjectNode) manifest.at("/spec/template");
        spec.putObject("sparkConf").put(key, "x");
        return manifest;
    }

    private static JsonNode schemaAt(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String name : dottedPath.substring(1).split("\\.")) {
            node = node.path("properties").path(name);
        }
        return node;
    }

    private static boolean balanced(String rule) {
        int depth = 0;
        boolean quoted = false;
        for (char c : rule.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            }
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0 && !quoted;
    }
}
