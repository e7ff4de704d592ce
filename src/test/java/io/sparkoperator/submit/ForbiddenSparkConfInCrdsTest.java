package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import io.sparkoperator.api.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deny-list is one list: ForbiddenSparkConf, which the controller applies, and the CEL rule on every
 * {@code sparkConf} of every shipped CRD of a kind the operator submits (crds/ and kustomize/, so a CRD added later is
 * covered; SparkConnect is not submitted, see below), which the API
 * server applies. The rule must be exactly the text generated from the list, and real CEL must refuse every key
 * the controller refuses and accept what it accepts.
 */
class ForbiddenSparkConfInCrdsTest {
    private static final Path PROJECT = Path.of(System.getProperty("project.basedir", System.getProperty("user.dir")));

    /** The rule the CRDs must carry, generated from the controller's list. */
    static String expectedRule() {
        return "!self.exists(k, k in ["
                + ForbiddenSparkConf.KEYS.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "))
                + "] || k.startsWith('" + ForbiddenSparkConf.SUBMISSION_CREDENTIALS + "'))";
    }

    private record ConfRule(String where, String rule) {
    }

    @Test
    void everySparkConfOfEveryCrdCarriesTheControllersList() throws IOException {
        List<ConfRule> rules = confRules();
        assertTrue(rules.size() >= 2, "SparkApplication and ScheduledSparkApplication: " + rules);
        for (ConfRule r : rules) {
            assertEquals(expectedRule(), r.rule(), r.where() + " differs from ForbiddenSparkConf; paste this rule"
                    + " (YAML single-quoted: double each ') into the CRD:\n" + expectedRule() + "\n");
        }
    }

    @Test
    void theRuleRefusesExactlyWhatTheControllerRefuses() throws Exception {
        Cel cel = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(CelOptions.current().enableRegexPartialMatch(true).build())
                .addVar("self", MapType.create(SimpleType.STRING, SimpleType.STRING)).build();
        for (ConfRule r : confRules()) {
            CelRuntime.Program rule = cel.createProgram(cel.compile(r.rule()).getAst());
            List<String> keys = new ArrayList<>(ForbiddenSparkConf.KEYS);
            // Every string the rule names too, so a key only the CRD refuses is found as well.
            Matcher quoted = Pattern.compile("'([^']*)'").matcher(r.rule());
            while (quoted.find()) {
                keys.add(quoted.group(1));
            }
            keys.addAll(List.of(ForbiddenSparkConf.SUBMISSION_CREDENTIALS + "oauthToken",
                    ForbiddenSparkConf.SUBMISSION_CREDENTIALS + "caCertFile",
                    ForbiddenSparkConf.SUBMISSION_CREDENTIALS + "clientKeyFile",
                    // allowed by both
                    "spark.kubernetes.namespace", "spark.ui.port", "spark.kubernetes.authenticate.submission",
                    "spark.master.rest.enabled", "spark.kubernetes.driver.pod.name"));
            for (String key : keys) {
                boolean controllerRefuses = ForbiddenSparkConf.reason(key).isPresent();
                boolean crdAccepts = (Boolean) rule.eval(Map.of("self", Map.of("spark.app.name", "pi", key, "x")));
                assertEquals(!controllerRefuses, crdAccepts, r.where() + " and the controller disagree on " + key);
            }
            assertTrue((Boolean) rule.eval(Map.of("self", Map.of())), "an empty sparkConf is fine");
        }
        assertFalse(ForbiddenSparkConf.reason("spark.master").isEmpty());
    }

    private static List<ConfRule> confRules() throws IOException {
        List<ConfRule> rules = new ArrayList<>();
        for (String dir : List.of("crds", "kustomize")) {
            try (Stream<Path> files = Files.walk(PROJECT.resolve(dir))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                        JsonNode crd = document.isBlank() ? null : ApiJson.serialization().unmarshal(document, JsonNode.class);
                        // A SparkConnect's sparkConf is not given to the operator's spark-submit but to the server's
                        // start script, run with the server pod's own service account, as in the Go operator, which
                        // passes it unfiltered: no deny-list there (docs/spark-connect.md).
                        if (crd != null && crd.path("kind").asText().equals("CustomResourceDefinition")
                                && !crd.at("/spec/names/kind").asText().equals("SparkConnect")) {
                            collect(PROJECT.relativize(file) + ":", crd.at("/spec/versions/0/schema/openAPIV3Schema"),
                                    rules);
                        }
                    }
                }
            }
        }
        return rules;
    }

    private static void collect(String where, JsonNode schema, List<ConfRule> rules) {
        schema.path("properties").properties().forEach(p -> {
            if (p.getKey().equals("sparkConf")) {
                List<String> denyRules = new ArrayList<>();
                p.getValue().path("x-kubernetes-validations").forEach(v -> denyRules.add(v.path("rule").asText()));
                assertEquals(1, denyRules.size(), where + ".sparkConf must carry the deny-list rule: " + denyRules);
                rules.add(new ConfRule(where + ".sparkConf", denyRules.get(0)));
            }
            collect(where + "." + p.getKey(), p.getValue(), rules);
        });
    }
}
