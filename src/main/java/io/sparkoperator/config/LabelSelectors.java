package io.sparkoperator.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the kubectl label-selector syntax the {@code --label-selector-filter} flag takes: comma-separated
 * {@code key=value}, {@code key==value}, {@code key!=value}, {@code key} (exists) and {@code !key} (absent).
 * Set-based {@code in (...)} is refused with a clear message rather than misread.
 */
final class LabelSelectors {
    private static final Pattern KEY = Pattern.compile("([a-z0-9A-Z.-]+/)?[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?");
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
        for (String raw : text.split(",")) {
            String term = raw.trim();
            if (term.contains("(") || term.contains(" in ") || term.contains(" notin ")) {
                throw new IllegalArgumentException("set-based selectors are not supported: '" + term
                        + "' (use key=value, key!=value, key or !key)");
            }
            if (term.startsWith("!")) {
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
