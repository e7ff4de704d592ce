package io.sparkoperator.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The series of one or more scrapes, by sample name (what PromQL selects: {@code x_bucket}, {@code x_count},
 * {@code x_sum} of a histogram, never the family name alone), each with its label sets. With several expositions
 * (Prometheus text and OpenMetrics) a name counts only if every one exposes it, since which one Prometheus gets
 * depends on negotiation. {@link #problems} checks the selectors of one expression against them.
 */
final class ExposedSeries {
    /**
     * Labels Prometheus adds from the target (PodMonitor: namespace, pod, container, endpoint, job, instance), so a
     * scrape never shows them; matchers on them are not checked here.
     */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "container", "endpoint", "job", "instance",
            "service");
    /** Series Prometheus writes itself for every target (not in a scrape): only {@code up} is used. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up");

    private final Map<String, List<Map<String, String>>> series;

    private ExposedSeries(Map<String, List<Map<String, String>>> series) {
        this.series = series;
    }

    static ExposedSeries of(String... expositions) {
        Map<String, List<Map<String, String>>> first = parse(expositions[0]);
        for (int i = 1; i < expositions.length; i++) {
            first.keySet().retainAll(parse(expositions[i]).keySet());
        }
        return new ExposedSeries(first);
    }

    Set<String> names() {
        return new TreeSet<>(series.keySet());
    }

    boolean has(String name) {
        return series.containsKey(name);
    }

    /**
     * What is wrong with the selectors of {@code expr}, each message naming {@code where} (a panel, an alert) and the
     * metric: names the operator does not expose, labels its series do not carry, values no series has.
     */
    List<String> problems(String where, String expr) {
        List<PromQl.Selector> selectors;
        try {
            selectors = PromQl.selectors(expr);
        } catch (IllegalArgumentException e) {
            return List.of(where + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (selectors.isEmpty()) {
            problems.add(where + ": selects no metric: " + expr);
        }
        for (PromQl.Selector selector : selectors) {
            String metric = selector.metric();
            if (PROMETHEUS_SERIES.contains(metric)) {
                continue;
            }
            List<Map<String, String>> labelSets = series.get(metric);
            if (labelSets == null) {
                problems.add(where + ": queries " + metric + ", which the operator does not expose" + near(metric));
                continue;
            }
            for (PromQl.Matcher matcher : selector.matchers()) {
                String problem = check(metric, labelSets, matcher);
                if (problem != null) {
                    problems.add(where + ": " + problem);
                }
            }
        }
        return problems;
    }

    private static String check(String metric, List<Map<String, String>> labelSets, PromQl.Matcher m) {
        if (TARGET_LABELS.contains(m.label())) {
            return null;
        }
        Set<String> values = new TreeSet<>();
        labelSets.forEach(labels -> {
            if (labels.containsKey(m.label())) {
                values.add(labels.get(m.label()));
            }
        });
        if (values.isEmpty()) {
            return metric + " has no label " + m.label() + " (its labels: " + labelNames(labelSets) + ")";
        }
        if (m.value().contains("$")) {
            return null; // a Grafana variable: any value may come
        }
        boolean matches = switch (m.op()) {
            case "=" -> values.contains(m.value());
            case "=~" -> values.stream().anyMatch(Pattern.compile(m.value()).asMatchPredicate());
            default -> true; // != and !~ exclude; the label exists, which is all that can rot
        };
        return matches ? null : metric + "{" + m.label() + m.op() + "\"" + m.value() + "\"} matches no series; "
                + m.label() + " is one of " + values;
    }

    private static Set<String> labelNames(List<Map<String, String>> labelSets) {
        Set<String> names = new TreeSet<>();
        labelSets.forEach(labels -> names.addAll(labels.keySet()));
        return names;
    }

    /** Exposed names sharing the first two words, to point at a rename. */
    private String near(String metric) {
        String[] words = metric.split("_");
        String stem = words.length > 1 ? words[0] + "_" + words[1] + "_" : metric;
        List<String> similar = names().stream().filter(n -> n.startsWith(stem)).toList();
        return similar.isEmpty() ? "" : " (exposed with that start: " + similar + ")";
    }

    /** Sample name -> label sets, from the text format (0.0.4) or OpenMetrics; comments and blank lines skipped. */
    private static Map<String, List<Map<String, String>>> parse(String exposition) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String name = line.substring(0, labelled ? brace : space);
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(labelled ? labels(line, brace) : Map.of());
        }
        return out;
    }

    private static Map<String, String> labels(String line, int brace) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            i = eq + 2; // past ="
            while (line.charAt(i) != '"') {
                char c = line.charAt(i++);
                value.append(c == '\\' ? switch (line.charAt(i++)) {
                    case 'n' -> '\n';
                    default -> line.charAt(i - 1);
                } : c);
            }
            labels.put(key, value.toString());
            i++; // closing quote
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return labels;
    }
}
