package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkoperator.LiveOperatorScrape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The PrometheusRule of kustomize/components/prometheus as the overlay renders it: every expression names only
 * series a running operator exposes and selects the job the PodMonitor gives, every alert says what happened, what
 * to look at and links its section of docs/runbook.md (which has one per alert, no more), and the rule has only
 * fields the Prometheus Operator knows (no model here, and the Operator drops unknown fields without a word).
 */
class AlertRulesTest {
    /** The alerts the issue asks for. */
    private static final Set<String> REQUIRED = Set.of("SparkApplicationSubmissionFailures",
            "SparkApplicationStuckSubmitted", "SparkApplicationStuckPendingRerun", "SparkApplicationStuckInvalidating",
            "SparkOperatorNotReady", "SparkOperatorNoLeader", "SparkOperatorSubmitTimeouts",
            "SparkOperatorReconcileErrors", "SparkOperatorWorkQueueGrowing");
    private static final Set<String> SPEC_FIELDS = Set.of("groups");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "rules", "limit",
            "partial_response_strategy", "query_offset", "labels");
    private static final Set<String> ALERT_FIELDS = Set.of("alert", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Pattern LABEL_REFERENCE = Pattern.compile("\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final String RUNBOOK_PREFIX = Runbook.PATH + "#";
    /** Sections of the runbook that are not about one alert. */
    private static final Set<String> GENERAL_SECTIONS = Set.of("before-you-start");

    private static JsonNode rule(String kustomization) {
        return Kustomizations.rendered(kustomization).get("PrometheusRule", "spark-operator", "spark-operator");
    }

    /** Alert name -> rule, in file order. */
    private static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : rule(Kustomizations.PROMETHEUS).path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                JsonNode previous = alerts.put(rule.path("alert").asText(), rule);
                assertTrue(previous == null, "alert " + rule.path("alert").asText() + " is defined twice");
            }
        }
        return alerts;
    }

    @Test
    void theOverlaysRenderTheRuleForTheOperatorsNamespace() {
        for (String name : List.of(Kustomizations.PROMETHEUS, Kustomizations.HA_WITH_PROMETHEUS)) {
            JsonNode rule = rule(name);
            assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText(), name);
        }
        assertTrue(alerts().keySet().containsAll(REQUIRED), "missing: " + difference(REQUIRED, alerts().keySet()));
    }

    @Test
    void everyExpressionNamesOnlySeriesARunningOperatorExposes() {
        LiveOperatorScrape.Scrape scrape = LiveOperatorScrape.get();
        ExposedSeries exposed = ExposedSeries.of(scrape.prometheusText(), scrape.openMetrics());
        List<String> problems = new ArrayList<>();
        alerts().forEach((name, rule) -> problems.addAll(exposed.problems("alert " + name,
                rule.path("expr").asText())));
        if (!problems.isEmpty()) {
            fail("Alert expressions that could never fire:\n" + String.join("\n", problems)
                    + "\nThe running operator exposes: " + exposed.names());
        }
    }

    @Test
    void everyExpressionSelectsTheJobThePodMonitorGives() {
        Manifests rendered = Kustomizations.rendered(Kustomizations.PROMETHEUS);
        OperatorPod pod = OperatorPod.of(rendered);
        String jobLabel = rendered.get("PodMonitor", pod.namespace(), "spark-operator").path("spec")
                .path("jobLabel").asText();
        String job = pod.deployment().getSpec().getTemplate().getMetadata().getLabels().get(jobLabel);
        assertEquals("spark-operator", job, "PodMonitor jobLabel " + jobLabel + " names the job");
        List<String> problems = new ArrayList<>();
        alerts().forEach((name, rule) -> {
            for (PromQl.Selector selector : PromQl.selectors(rule.path("expr").asText())) {
                if (!selector.matchers().contains(new PromQl.Matcher("job", "=", job))) {
                    problems.add(name + ": " + selector.metric() + " without job=\"" + job + "\"");
                }
            }
        });
        assertEquals(List.of(), problems, "another operator's series (same names, e.g. workqueue_depth) would count");
    }

    @Test
    void everyAlertSaysWhatHappenedWhatToLookAtAndLinksItsRunbookSection() {
        Runbook runbook = Runbook.load();
        List<String> problems = new ArrayList<>();
        alerts().forEach((name, rule) -> {
            JsonNode annotations = rule.path("annotations");
            for (String key : List.of("summary", "description")) {
                if (annotations.path(key).asText().isBlank()) {
                    problems.add(name + " has no " + key);
                }
            }
            String url = annotations.path("runbook_url").asText();
            String anchor = Runbook.anchor(name);
            if (!url.equals(RUNBOOK_PREFIX + anchor)) {
                problems.add(name + ": runbook_url is '" + url + "', expected " + RUNBOOK_PREFIX + anchor);
            }
            String section = runbook.sections().get(anchor);
            if (section == null) {
                problems.add(name + " has no section '## " + name + "' in " + Runbook.PATH);
            } else {
                for (String part : List.of("**Means.**", "**Find it.**", "**Do.**")) {
                    if (!section.contains(part)) {
                        problems.add(Runbook.PATH + " section " + name + " lacks " + part);
                    }
                }
            }
        });
        Set<String> alertAnchors = new HashSet<>();
        alerts().keySet().forEach(name -> alertAnchors.add(Runbook.anchor(name)));
        for (String section : runbook.sections().keySet()) {
            if (!alertAnchors.contains(section) && !GENERAL_SECTIONS.contains(section)) {
                problems.add(Runbook.PATH + " has a section #" + section + " for no alert");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theRunbooksPatchExampleEditsTheAlertItSays() {
        String advice = Runbook.load().sections().get("before-you-start");
        Matcher path = Pattern.compile("path: /spec/groups/0/rules/(\\d+)/expr").matcher(advice);
        Matcher state = Pattern.compile("state=\"([A-Z_]+)\"").matcher(advice);
        assertTrue(path.find() && state.find(), "the example patch in " + Runbook.PATH);
        String expr = new ArrayList<>(alerts().values()).get(Integer.parseInt(path.group(1))).path("expr").asText();
        assertTrue(expr.contains("state=\"" + state.group(1) + "\""), "rule " + path.group(1) + " is " + expr);
    }

    @Test
    void annotationsUseOnlyLabelsTheExpressionKeeps() {
        List<String> problems = new ArrayList<>();
        alerts().forEach((name, rule) -> {
            String expr = rule.path("expr").asText();
            // An aggregation keeps its by-labels; absent() the labels of its equality matchers; other
            // expressions keep every label of their series, which is not checked here.
            Set<String> kept = new TreeSet<>();
            Matcher grouping = GROUPING.matcher(expr);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    kept.add(label.strip());
                }
            }
            if (kept.isEmpty() && expr.startsWith("absent(")) {
                PromQl.selectors(expr).forEach(s -> s.matchers().stream().filter(m -> m.op().equals("="))
                        .forEach(m -> kept.add(m.label())));
            } else if (kept.isEmpty()) {
                return;
            }
            Matcher references = LABEL_REFERENCE.matcher(rule.path("annotations").toString());
            while (references.find()) {
                if (!kept.contains(references.group(1))) {
                    problems.add(name + " uses $labels." + references.group(1) + ", but the alert has only " + kept);
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void onlyFieldsThePrometheusOperatorKnows() {
        JsonNode rule = rule(Kustomizations.PROMETHEUS);
        List<String> problems = new ArrayList<>();
        unknown("spec", rule.path("spec"), SPEC_FIELDS, problems);
        for (JsonNode group : rule.path("spec").path("groups")) {
            unknown("group " + group.path("name").asText(), group, GROUP_FIELDS, problems);
            for (JsonNode alert : group.path("rules")) {
                String name = "alert " + alert.path("alert").asText();
                unknown(name, alert, ALERT_FIELDS, problems);
                if (alert.has("for") && !DURATION.matcher(alert.path("for").asText()).matches()) {
                    problems.add(name + ": for '" + alert.path("for").asText() + "' is no Prometheus duration");
                }
                if (!SEVERITIES.contains(alert.path("labels").path("severity").asText())) {
                    problems.add(name + ": severity label is not one of " + SEVERITIES);
                }
                if (!alert.path("alert").asText().matches("[A-Z][A-Za-z0-9]+")) {
                    problems.add(name + ": not a CamelCase alert name");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void unknown(String where, JsonNode object, Set<String> known, List<String> problems) {
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(where + ": unknown field " + field);
            }
        });
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
