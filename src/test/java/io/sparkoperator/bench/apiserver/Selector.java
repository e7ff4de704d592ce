package io.sparkoperator.bench.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Label and field selectors as the API server reads them: {@code k=v}, {@code k==v}, {@code k!=v},
 * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}, comma-separated (all must hold). Fields:
 * {@code metadata.name} and {@code metadata.namespace} with {@code =}/{@code !=}.
 */
record Selector(List<Predicate<StoredObject>> requirements) {
    static final Selector ALL = new Selector(List.of());

    boolean matches(StoredObject object) {
        for (Predicate<StoredObject> requirement : requirements) {
            if (!requirement.test(object)) {
                return false;
            }
        }
        return true;
    }

    static Selector parse(String labels, String fields) {
        List<Predicate<StoredObject>> all = new ArrayList<>();
        for (String term : terms(labels)) {
            all.add(label(term));
        }
        for (String term : terms(fields)) {
            all.add(field(term));
        }
        return all.isEmpty() ? ALL : new Selector(List.copyOf(all));
    }

    /** Splits on commas outside parentheses. */
    private static List<String> terms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return terms;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(selector.substring(start, i).trim());
                start = i + 1;
            }
        }
        terms.add(selector.substring(start).trim());
        terms.removeIf(String::isEmpty);
        return terms;
    }

    private static Predicate<StoredObject> label(String term) {
        String[] setOp = term.split("\\s+(notin|in)\\s+", 2);
        if (setOp.length == 2) {
            String key = setOp[0].trim();
            boolean in = term.substring(key.length()).trim().startsWith("in");
            Set<String> values = Set.of(setOp[1].replaceAll("[()\\s]", "").split(","));
            return o -> values.contains(labels(o).get(key)) == in;
        }
        int ne = term.indexOf("!=");
        if (ne > 0) {
            String key = term.substring(0, ne).trim();
            String value = term.substring(ne + 2).trim();
            return o -> !value.equals(labels(o).get(key));
        }
        int eq = term.indexOf('=');
        if (eq > 0) {
            String key = term.substring(0, eq).trim();
            String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            return o -> value.equals(labels(o).get(key));
        }
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            return o -> !labels(o).containsKey(key);
        }
        return o -> labels(o).containsKey(term);
    }

    private static Predicate<StoredObject> field(String term) {
        boolean negated = term.contains("!=");
        String[] kv = term.split("!=|==|=", 2);
        if (kv.length != 2) {
            throw ApiException.badRequest("invalid field selector " + term);
        }
        String value = kv[1].trim();
        Predicate<StoredObject> equal = switch (kv[0].trim()) {
            case "metadata.name" -> o -> value.equals(o.name());
            case "metadata.namespace" -> o -> value.equals(o.namespace());
            default -> throw ApiException.badRequest("field selector " + kv[0] + " is not supported");
        };
        return negated ? equal.negate() : equal;
    }

    private static Map<String, String> labels(StoredObject object) {
        return object.labels();
    }
}
