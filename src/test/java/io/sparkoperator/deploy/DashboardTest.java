package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkoperator.LiveOperatorScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard of kustomize/components/prometheus as the overlay renders it (a ConfigMap for the Grafana
 * sidecar): every query names only series a running operator exposes, so a renamed metric fails here instead of
 * leaving an empty panel; it shows what an operator team needs; and it is a dashboard Grafana loads as meant.
 */
class DashboardTest {
    static final String CONFIG_MAP = "spark-operator-dashboard";
    static final String FILE = "spark-operator-dashboard.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's own variables. */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__range", "__interval_ms",
            "__range_s", "__from", "__to");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)(?::[^}]*)?}|([A-Za-z0-9_]+))");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([A-Za-z_][A-Za-z0-9_]*)\\)");

    /** Every panel the issue asks for, by the series it must chart. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spark_operator_applications", "applications by state over time");
        REQUIRED.put("spark_application_submit_count", "submissions per minute");
        REQUIRED.put("spark_application_failed_submission_count", "submission failures per minute");
        REQUIRED.put("spark_application_submit_latency_seconds_histogram_bucket", "submit latency p50/p99");
        REQUIRED.put("spark_application_start_latency_seconds_histogram_bucket", "start latency p50/p99");
        REQUIRED.put("spark_executor_running_count", "running executors");
        REQUIRED.put("spark_operator_submit_processes_running", "spark-submit processes busy");
        REQUIRED.put("controller_runtime_reconcile_total", "reconcile rate");
        REQUIRED.put("controller_runtime_reconcile_time_seconds_bucket", "reconcile duration");
        REQUIRED.put("controller_runtime_reconcile_errors_total", "reconcile errors");
        REQUIRED.put("workqueue_depth", "dispatcher queue depth");
        REQUIRED.put("leader_election_master_status", "leader ownership");
        REQUIRED.put("jvm_memory_used_bytes", "JVM heap");
        REQUIRED.put("process_cpu_seconds_total", "CPU");
    }

    private static JsonNode configMap(String kustomization) {
        return Kustomizations.rendered(kustomization).get("ConfigMap", "spark-operator", CONFIG_MAP);
    }

    private static JsonNode dashboard() {
        try {
            return JSON.readTree(configMap(Kustomizations.PROMETHEUS).path("data").path(FILE).asText());
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + " in the ConfigMap is not JSON", e);
        }
    }

    /** Every panel but rows, including those inside collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(out::add);
            } else {
                out.add(panel);
            }
        }
        return out;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static String where(JsonNode panel, JsonNode target) {
        return "panel \"" + panel.path("title").asText() + "\" query " + target.path("refId").asText();
    }

    @Test
    void theOverlayRendersItAsAConfigMapTheGrafanaSidecarLoads() {
        for (String name : List.of(Kustomizations.PROMETHEUS, Kustomizations.HA_WITH_PROMETHEUS)) {
            JsonNode map = configMap(name);
            assertEquals("1", map.path("metadata").path("labels").path("grafana_dashboard").asText(),
                    name + ": the sidecar's label");
            List<String> keys = new ArrayList<>();
            map.path("data").fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of(FILE), keys, name + ": one dashboard file");
            assertTrue(Manifests.jsonSize(map) < 200 * 1024,
                    "kubectl apply keeps the whole object in a 256 KiB annotation: " + Manifests.jsonSize(map));
        }
    }

    @Test
    void everyQueryNamesOnlySeriesARunningOperatorExposes() {
        LiveOperatorScrape.Scrape scrape = LiveOperatorScrape.get();
        ExposedSeries exposed = ExposedSeries.of(scrape.prometheusText(), scrape.openMetrics());
        List<String> problems = new ArrayList<>();
        JsonNode dashboard = dashboard();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                problems.addAll(exposed.problems(where(panel, target), target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                Matcher values = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
                assertTrue(values.matches(), "variable " + variable.path("name").asText() + ": label_values(...)");
                problems.addAll(exposed.problems("variable " + variable.path("name").asText(), values.group(1)));
            }
        }
        if (!problems.isEmpty()) {
            fail("Dashboard queries that would show nothing:\n" + String.join("\n", problems)
                    + "\nThe running operator exposes: " + exposed.names());
        }
    }

    @Test
    void itChartsEverythingAnOperatorTeamNeeds() {
        Map<String, Set<String>> panelsByMetric = new TreeMap<>();
        for (JsonNode panel : panels(dashboard())) {
            for (JsonNode target : panel.path("targets")) {
                for (PromQl.Selector selector : PromQl.selectors(target.path("expr").asText())) {
                    panelsByMetric.computeIfAbsent(selector.metric(), m -> new TreeSet<>())
                            .add(panel.path("title").asText());
                }
            }
        }
        List<String> missing = REQUIRED.entrySet().stream().filter(e -> !panelsByMetric.containsKey(e.getKey()))
                .map(e -> e.getValue() + " (" + e.getKey() + ")").toList();
        if (!missing.isEmpty()) {
            fail("No panel charts " + missing + "\nPanels by metric: " + panelsByMetric);
        }
        boolean heap = panels(dashboard()).stream().flatMap(panel -> stream(panel.path("targets")))
                .flatMap(target -> PromQl.selectors(target.path("expr").asText()).stream())
                .anyMatch(selector -> selector.metric().equals("jvm_memory_used_bytes")
                        && selector.matchers().contains(new PromQl.Matcher("area", "=", "heap")));
        assertTrue(heap, "the memory panel shows the heap");
    }

    @Test
    void everyQueryIsTemplatedByDataSourceNamespaceAndOperatorPod() {
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : panels(dashboard())) {
            if (!panel.path("datasource").path("uid").asText().equals("${datasource}")) {
                problems.add("panel \"" + panel.path("title").asText() + "\" does not use ${datasource}");
            }
            for (JsonNode target : panel.path("targets")) {
                if (!target.path("datasource").path("uid").asText().equals("${datasource}")) {
                    problems.add(where(panel, target) + " does not use ${datasource}");
                }
                for (PromQl.Selector selector : PromQl.selectors(target.path("expr").asText())) {
                    if (!selector.matchers().containsAll(List.of(new PromQl.Matcher("namespace", "=", "$namespace"),
                            new PromQl.Matcher("pod", "=~", "$pod")))) {
                        problems.add(where(panel, target) + ": " + selector.metric()
                                + " is not limited to namespace=\"$namespace\", pod=~\"$pod\"");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void variablesExistAndEveryReferenceIsToOne() {
        JsonNode dashboard = dashboard();
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertEquals(Set.of("datasource", "namespace", "pod"), variables.keySet());
        assertEquals("datasource", variables.get("datasource").path("type").asText());
        assertEquals("prometheus", variables.get("datasource").path("query").asText());
        assertEquals("namespace", labelOf(variables.get("namespace")));
        assertEquals("pod", labelOf(variables.get("pod")));
        assertTrue(variables.get("pod").path("query").path("query").asText().contains("namespace=\"$namespace\""),
                "the pods of the chosen namespace");
        assertTrue(variables.get("pod").path("includeAll").asBoolean() && variables.get("pod").path("multi")
                .asBoolean(), "all replicas at once (leader and standby)");
        List<String> unknown = new ArrayList<>();
        Matcher references = VARIABLE.matcher(dashboard.toString());
        while (references.find()) {
            String name = references.group(1) != null ? references.group(1) : references.group(2);
            if (!variables.containsKey(name) && !BUILT_IN.contains(name)) {
                unknown.add(references.group());
            }
        }
        assertEquals(List.of(), unknown, "references to variables the dashboard does not define");
    }

    private static String labelOf(JsonNode variable) {
        Matcher values = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
        assertTrue(values.matches(), variable.toString());
        assertEquals("${datasource}", variable.path("datasource").path("uid").asText());
        return values.group(2);
    }

    @Test
    void panelsAreOnesGrafanaDrawsAsMeant() {
        JsonNode dashboard = dashboard();
        assertTrue(dashboard.path("schemaVersion").asInt() >= 39, "schemaVersion");
        assertEquals("spark-operator", dashboard.path("uid").asText(), "a stable uid: links survive an update");
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = "panel \"" + panel.path("title").asText() + "\"";
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(title + ": id " + panel.path("id").asInt() + " is used twice");
            }
            JsonNode pos = panel.path("gridPos");
            int[] box = {pos.path("x").asInt(), pos.path("y").asInt(), pos.path("w").asInt(), pos.path("h").asInt()};
            if (box[2] < 1 || box[3] < 1 || box[0] + box[2] > 24) {
                problems.add(title + ": gridPos outside the 24 columns: " + pos);
            }
            for (int[] other : boxes) {
                if (box[0] < other[0] + other[2] && other[0] < box[0] + box[2] && box[1] < other[1] + other[3]
                        && other[1] < box[1] + box[3]) {
                    problems.add(title + " overlaps another panel at " + pos);
                }
            }
            boxes.add(box);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (panel.path("fieldConfig").path("defaults").path("unit").asText().isEmpty()) {
                problems.add(title + " has no unit");
            }
            if (panel.path("description").asText().isBlank()) {
                problems.add(title + " has no description");
            }
            Set<String> refIds = new HashSet<>();
            if (panel.path("targets").isEmpty()) {
                problems.add(title + " has no query");
            }
            for (JsonNode target : panel.path("targets")) {
                if (!refIds.add(target.path("refId").asText()) || target.path("expr").asText().isBlank()) {
                    problems.add(where(panel, target) + ": refId used twice or no expr");
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
