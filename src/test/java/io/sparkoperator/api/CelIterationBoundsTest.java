package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CEL rule of every shipped CRD iterates and scans only what its schema bounds: the test's stand-in for the
 * API server's cost estimator, which refused the CRDs when sparkConf had no maxProperties. The
 * analysis itself is tried on rules it must refuse and rules it must accept, so that it cannot pass by seeing
 * nothing.
 */
class CelIterationBoundsTest {

    static Stream<CrdFiles.Crd> crds() {
        return CrdFiles.all().stream();
    }

    @Test
    void everyShippedCrdIsChecked() {
        List<String> kinds = CrdFiles.all().stream().map(CrdFiles.Crd::kind).toList();
        assertTrue(kinds.contains(ApiGroup.SPARK_APPLICATION) && kinds.contains(ApiGroup.SCHEDULED_SPARK_APPLICATION),
                "found " + kinds);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void everyRuleIteratesAndScansOnlyBoundedFields(CrdFiles.Crd crd) {
        List<CrdRule> rules = CrdRule.all(crd.crd().at("/spec/versions/0/schema/openAPIV3Schema"));
        assertTrue(!rules.isEmpty(), "no rules found in " + crd);
        List<String> problems = new ArrayList<>();
        rules.forEach(rule -> problems.addAll(CelIterationBounds.ofRule(rule)));
        assertEquals(List.of(), problems, "rules the API server's cost estimator would price at the worst case");
    }

    static Stream<Arguments> unboundedRules() {
        String map = "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}}";
        String list = "{\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": "
                + "{\"port\": {\"type\": \"integer\"}, \"url\": {\"type\": \"string\"}}}}";
        String boundedListOfUnboundedUrls = "{\"type\": \"array\", \"maxItems\": 8, \"items\": {\"type\": \"object\","
                + " \"properties\": {\"url\": {\"type\": \"string\"}}}}";
        return Stream.of(
                Arguments.of(map, "!self.exists(k, k in ['spark.master'])", "(a map) without maxProperties"),
                Arguments.of(map, "self.all(k, k.startsWith('spark.'))", "(a map) without maxProperties"),
                Arguments.of(map, "self.filter(k, k == 'a').size() == 0", "(a map) without maxProperties"),
                Arguments.of(map, "'spark.master' in self", "tests membership ('in') in .conf (a map)"),
                Arguments.of(list, "self.all(x, self.exists_one(y, y.port == x.port))", "inside another iteration"),
                Arguments.of(list, "self.map(x, x.port).size() < 3", "(a list) without maxItems"),
                Arguments.of(boundedListOfUnboundedUrls, "self.all(x, self.exists_one(y, y.url == x.url))",
                        "compares .conf[].url (a string) inside an iteration without maxLength"),
                Arguments.of("{\"type\": \"string\"}", "self.matches('^a+$')", "matches() scans .conf (a string)"),
                Arguments.of(map, "!self.exists(k, k.matches('^x'))", "keys of .conf, which no schema can bound"),
                Arguments.of("{\"type\": \"string\", \"maxLength\": 9}", "self.split(',').all(p, p != '')",
                        "the result of split()"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unboundedRules")
    void theAnalysisRefusesIterationsOverUnboundedFields(String schema, String rule, String expected) {
        List<String> problems = CelIterationBounds.ofRule(rule(schema, rule));
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems + " should mention " + expected);
    }

    static Stream<Arguments> boundedRules() {
        String map = "{\"type\": \"object\", \"maxProperties\": 100, \"additionalProperties\": {\"type\": \"string\"}}";
        String list = "{\"type\": \"array\", \"maxItems\": 8, \"items\": {\"type\": \"object\", \"properties\": "
                + "{\"port\": {\"type\": \"integer\"}, \"url\": {\"type\": \"string\", \"maxLength\": 64}}}}";
        return Stream.of(
                Arguments.of(map, "!self.exists(k, k in ['spark.master'] || k.startsWith('spark.x.'))"),
                Arguments.of(map, "'spark.master' in self"),
                Arguments.of(list, "self.all(x, self.exists_one(y, y.port == x.port))"),
                Arguments.of(list, "self.all(x, self.exists_one(y, y.url == x.url))"),
                Arguments.of(list, "self.all(x, x.url == 'a' || x.port in [1, 2, 3])"),
                Arguments.of("{\"type\": \"string\", \"maxLength\": 63}", "self.matches('^[a-z]+$')"),
                Arguments.of("{\"type\": \"string\"}", "self.size() <= 63 && self.startsWith('a')"),
                Arguments.of("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
                        "!has(self.a) || self.a == 'x'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("boundedRules")
    void theAnalysisAcceptsBoundedIterations(String schema, String rule) {
        assertEquals(List.of(), CelIterationBounds.ofRule(rule(schema, rule)));
    }

    private static CrdRule rule(String schemaJson, String rule) {
        JsonNode schema = Manifests.tree(schemaJson);
        return new CrdRule(".conf", schema, rule, "m", "");
    }
}
