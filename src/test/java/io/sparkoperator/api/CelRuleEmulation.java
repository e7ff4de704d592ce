package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java equivalents of the two simple CEL rules, with their parameters (length limit, regex, denied keys) read from
 * the rule text in the CRD, so that an edit of a rule is seen by the tests. This is not a CEL evaluator: whether the
 * expressions compile, fit the cost budget and mean exactly this is only decided by a real API server.
 */
final class CelRuleEmulation {
    private static final Pattern NAME_RULE =
            Pattern.compile("^self\\.metadata\\.name\\.size\\(\\) <= (\\d+) && self\\.metadata\\.name\\.matches\\('([^']+)'\\)$");
    private static final Pattern DENY_RULE = Pattern.compile("^!self\\.exists\\(k, k in \\[([^\\]]+)\\]\\)$");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private CelRuleEmulation() {
    }

    /** The maximum name length and the name regex of the root rule. */
    record NameRule(int maxLength, Pattern regex) {
        boolean allows(String name) {
            return name.length() <= maxLength && regex.matcher(name).find();
        }
    }

    static NameRule nameRule(JsonNode crd) {
        JsonNode rules = crd.at("/spec/versions/0/schema/openAPIV3Schema/x-kubernetes-validations");
        for (JsonNode rule : rules) {
            Matcher matcher = NAME_RULE.matcher(rule.path("rule").asText());
            if (matcher.matches()) {
                return new NameRule(Integer.parseInt(matcher.group(1)), Pattern.compile(matcher.group(2)));
            }
        }
        throw new AssertionError("no metadata.name rule at the root of " + crd.at("/metadata/name"));
    }

    /** The denied sparkConf keys of the rule on the sparkConf schema ({@code spec} or {@code spec.template}). */
    static Set<String> deniedSparkConfKeys(JsonNode sparkConfSchema) {
        for (JsonNode rule : sparkConfSchema.path("x-kubernetes-validations")) {
            Matcher matcher = DENY_RULE.matcher(rule.path("rule").asText());
            if (matcher.matches()) {
                Set<String> keys = new TreeSet<>();
                Matcher quoted = QUOTED.matcher(matcher.group(1));
                while (quoted.find()) {
                    keys.add(quoted.group(1));
                }
                return keys;
            }
        }
        throw new AssertionError("no deny-list rule on sparkConf");
    }

    /** Where the application spec lives in a manifest of this CRD's kind. */
    static String appSpecPointer(JsonNode crd) {
        return crd.at("/spec/names/kind").asText().equals(ApiGroup.SCHEDULED_SPARK_APPLICATION)
                ? "/spec/template" : "/spec";
    }

    static JsonNode sparkConfSchema(JsonNode crd) {
        JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        return appSpecPointer(crd).equals("/spec/template")
                ? spec.at("/properties/template/properties/sparkConf") : spec.at("/properties/sparkConf");
    }

    static List<String> violations(JsonNode crd, JsonNode manifest) {
        List<String> violations = new ArrayList<>();
        String name = manifest.at("/metadata/name").asText();
        if (!nameRule(crd).allows(name)) {
            violations.add("metadata.name '" + name + "' is not a DNS-1035 label of at most 63 characters");
        }
        Set<String> denied = deniedSparkConfKeys(sparkConfSchema(crd));
        manifest.at(appSpecPointer(crd) + "/sparkConf").fieldNames().forEachRemaining(key -> {
            if (denied.contains(key)) {
                violations.add("sparkConf sets denied key " + key);
            }
        });
        return violations;
    }
}
