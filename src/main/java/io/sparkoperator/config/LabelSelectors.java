package io.sparkoperator.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the kubectl label-selector syntax the {@code --label-selector-filter} flag takes: comma-separated
 * {@code key=value}, {@code key==value}, {@code key!=value}, {@code key} (exists), {@code !key} (absent), and the
 * set-based {@code key in (a,b)} and {@code key notin (a,b)} (commas inside the parentheses belong to the set).
 */
final class LabelSelectors {
    private static final Pattern KEY = Pattern.compile("([a-z0-9A-Z.-]+/)?[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?");
    private static final Pattern SET = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\(([^()]*)\\)");
    private static final Pattern VALUE = Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?)?");

    private LabelSelectors() {
    }

    /** Returns {@code null} for an empty selector (everything matches). */
    static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, String> matchLabels = new LinkedHashMap<>();
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (String term : terms(text)) {
            Matcher set = SET.matcher(term);
            if (set.matches()) {
                List<String> values = Arrays.stream(set.group(3).split(",", -1)).map(v -> value(v, text)).toList();
                expressions.add(requirement(key(set.group(1), text), set.group(2).equals("in") ? "In" : "NotIn",
                        values));
            } else if (term.contains("(") || term.contains(")")) {
                throw new IllegalArgumentException("cannot read '" + term + "' in selector '" + text
                        + "' (set-based terms look like: key in (a,b) or key notin (a,b))");
            } else if (term.startsWith("!")) {
                expressions.add(requirement(key(term.substring(1), text), "DoesNotExist", List.of()));
            } else if (term.contains("!=")) {
                String[] parts = term.split("!=", 2);
                expressions.add(requirement(key(parts[0], text), "NotIn", List.of(value(parts[1], text))));
            } else if (term.contains("=")) {
                String[] parts = term.split("==?", 2);
                matchLabels.put(key(parts[0], text), value(parts[1], text));
            } else {
                expressions.add(requirement(key(term, text), "Exists", List.of()));
            }
        }
        return new LabelSelectorBuilder().withMatchLabels(matchLabels).withMatchExpressions(expressions).build();
    }

    /** The comma-separated terms, with commas inside parentheses kept inside their term. */
    private static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                terms.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        terms.add(text.substring(start).trim());
        return terms;
    }

    private static LabelSelectorRequirement requirement(String key, String operator, List<String> values) {
        return new LabelSelectorRequirement(key, operator, values);
    }

    private static String key(String raw, String whole) {
        String key = raw.trim();
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid label key '" + key + "' in selector '" + whole + "'");
        }
        return key;
    }

    private static String value(String raw, String whole) {
        String value = raw.trim();
        if (value.length() > 63 || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid label value '" + value + "' in selector '" + whole + "'");
        }
        return value;
    }
}
