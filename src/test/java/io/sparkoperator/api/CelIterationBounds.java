package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the API server's CEL cost estimator, which the tests cannot run (and dev.cel has none): it reads a
 * rule's parsed expression and the schema it runs on, and reports every iteration ({@code all}, {@code exists},
 * {@code exists_one}, {@code map}, {@code filter}, {@code in}) over a list or map whose schema has no
 * {@code maxItems}/{@code maxProperties}, and every string a rule scans ({@code matches}, {@code contains}, ..., or
 * compares inside an iteration) whose schema has no {@code maxLength}. The estimator assumes the worst for exactly
 * these (a 3 MB request of one-character entries), which is what refused the CRDs on a real server.
 * A range whose size it cannot trace to a schema or a literal counts as unbounded, so a rule cannot pass by being
 * too clever to read. Literal lists and constants have a fixed size and are always fine.
 */
final class CelIterationBounds {
    /** What an expression can stand for, as far as its size goes. */
    sealed interface Shape {
    }

    /** A value under a schema node. */
    record Field(String path, JsonNode schema) implements Shape {
    }

    /** A key of a map: a string no schema can give a maxLength. */
    record MapKey(String path) implements Shape {
    }

    /** Written in the rule itself: its size is fixed. */
    record Literal() implements Shape {
    }

    /** Not declared in this schema (the branch of a rule meant for another kind). */
    record Absent(String path) implements Shape {
    }

    /** Computed, or from somewhere this analysis cannot follow. */
    record Unknown(String what) implements Shape {
    }

    /** Functions whose cost grows with the receiver's length (startsWith/endsWith only with the argument's). */
    private static final Set<String> SCANS_RECEIVER = Set.of("matches", "contains", "indexOf", "lastIndexOf",
            "split", "replace", "lowerAscii", "upperAscii", "trim", "substring", "charAt", "find", "findAll", "join",
            "reverse", "quote");
    private static final Set<String> SCANS_ARGUMENT = Set.of("contains", "startsWith", "endsWith", "indexOf",
            "lastIndexOf", "matches");
    private static final Set<String> COMPARISONS = Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_");
    private static final JsonNode UNBOUNDED_STRING = JsonNodeFactory.instance.objectNode().put("type", "string");

    private final String label;
    private final Map<String, List<Shape>> roots;
    private final Map<String, String> variables;
    private final Set<String> resolving = new HashSet<>();
    private final Set<String> problems = new LinkedHashSet<>();

    private CelIterationBounds(String label, Map<String, List<Shape>> roots, Map<String, String> variables) {
        this.label = label;
        this.roots = roots;
        this.variables = variables;
    }

    /** Problems of a CRD rule, with {@code self} (and {@code oldSelf}) the value under {@code schema} at {@code path}. */
    static List<String> ofRule(CrdRule rule) {
        List<Shape> self = List.of(new Field(rule.path(), rule.schema()));
        CelIterationBounds bounds = new CelIterationBounds(rule.path().isEmpty() ? "<root>" : rule.path(),
                Map.of("self", self, "oldSelf", self),
                Map.of());
        bounds.check(rule.rule());
        if (!rule.messageExpression().isEmpty()) {
            bounds.check(rule.messageExpression());
        }
        return List.copyOf(bounds.problems);
    }

    /**
     * Problems of admission policy expressions, with {@code object} and {@code oldObject} each any of the given
     * resource root schemas and {@code variables.<name>} the policy's variables.
     */
    static List<String> ofPolicy(String label, List<String> expressions, List<JsonNode> rootSchemas,
            Map<String, String> variables) {
        List<Shape> objects = rootSchemas.stream().<Shape>map(s -> new Field("", s)).toList();
        CelIterationBounds bounds = new CelIterationBounds(label, Map.of("object", objects, "oldObject", objects),
                variables);
        variables.values().forEach(bounds::check);
        expressions.forEach(bounds::check);
        return List.copyOf(bounds.problems);
    }

    private void check(String expression) {
        walk(CelEnvironments.parse(expression).getExpr(), Map.of(), 0, expression);
    }

    private void walk(CelExpr e, Map<String, List<Shape>> scope, int depth, String source) {
        switch (e.getKind()) {
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                List<Shape> range = resolve(c.iterRange(), scope);
                iterable(range, depth, source, "iterates");
                walk(c.iterRange(), scope, depth, source);
                walk(c.accuInit(), scope, depth, source);
                Map<String, List<Shape>> inner = new HashMap<>(scope);
                inner.put(c.iterVar(), elements(range));
                if (!c.iterVar2().isEmpty()) {
                    inner.put(c.iterVar2(), values(range));
                }
                inner.put(c.accuVar(), List.of(new Unknown("the accumulator")));
                walk(c.loopCondition(), inner, depth + 1, source);
                walk(c.loopStep(), inner, depth + 1, source);
                walk(c.result(), inner, depth, source);
            }
            case CALL -> {
                CelExpr.CelCall call = e.call();
                List<CelExpr> args = call.args();
                CelExpr receiver = call.target().orElse(args.isEmpty() ? null : args.get(0));
                List<CelExpr> rest = call.target().isPresent() ? args : args.subList(Math.min(1, args.size()), args.size());
                String f = call.function();
                if (f.equals("@in")) {
                    iterable(resolve(args.get(1), scope), depth, source, "tests membership ('in') in");
                }
                if (SCANS_RECEIVER.contains(f) && receiver != null) {
                    scanned(resolve(receiver, scope), source, f + "() scans");
                }
                if (SCANS_ARGUMENT.contains(f) && !rest.isEmpty()) {
                    scanned(resolve(rest.get(0), scope), source, f + "() scans its argument");
                }
                if (depth > 0 && COMPARISONS.contains(f) && args.size() == 2) {
                    List<Shape> left = resolve(args.get(0), scope);
                    List<Shape> right = resolve(args.get(1), scope);
                    if (!isLiteral(right)) {
                        comparedInLoop(left, source);
                    }
                    if (!isLiteral(left)) {
                        comparedInLoop(right, source);
                    }
                }
                call.target().ifPresent(t -> walk(t, scope, depth, source));
                args.forEach(a -> walk(a, scope, depth, source));
            }
            case SELECT -> walk(e.select().operand(), scope, depth, source);
            case LIST -> e.list().elements().forEach(x -> walk(x, scope, depth, source));
            case MAP -> e.map().entries().forEach(x -> {
                walk(x.key(), scope, depth, source);
                walk(x.value(), scope, depth, source);
            });
            case STRUCT -> e.struct().entries().forEach(x -> walk(x.value(), scope, depth, source));
            default -> {
            }
        }
    }

    private void iterable(List<Shape> range, int depth, String source, String verb) {
        String nested = depth > 0 ? " inside another iteration (nested iterations need bounds on both)" : "";
        for (Shape s : present(range)) {
            switch (s) {
                case Field f when isArray(f) && !f.schema().has("maxItems") ->
                        problem(source, verb + " " + where(f) + " (a list) without maxItems" + nested);
                case Field f when isMap(f) && !f.schema().has("maxProperties") ->
                        problem(source, verb + " " + where(f) + " (a map) without maxProperties" + nested);
                case Field f when !isArray(f) && !isMap(f) ->
                        problem(source, verb + " " + where(f) + ", which is not a list or map of known size");
                case Absent a -> problem(source, verb + " " + a.path() + ", which no schema declares");
                case MapKey k -> problem(source, verb + " a key of " + k.path() + " (not a list or map)");
                case Unknown u -> problem(source, verb + " " + u.what() + ", whose size no schema bounds" + nested);
                default -> {
                }
            }
        }
    }

    private void scanned(List<Shape> strings, String source, String verb) {
        for (Shape s : present(strings)) {
            switch (s) {
                case Field f when f.schema().path("type").asText("").equals("string") && !f.schema().has("maxLength") ->
                        problem(source, verb + " " + where(f) + " (a string) without maxLength");
                case MapKey k -> problem(source, verb + " keys of " + k.path() + ", which no schema can bound");
                case Absent a -> problem(source, verb + " " + a.path() + ", which no schema declares");
                case Unknown u -> problem(source, verb + " " + u.what() + ", whose length no schema bounds");
                default -> {
                }
            }
        }
    }

    private void comparedInLoop(List<Shape> side, String source) {
        for (Shape s : present(side)) {
            switch (s) {
                case Field f when f.schema().path("type").asText("").equals("string") && !f.schema().has("maxLength") ->
                        problem(source, "compares " + where(f) + " (a string) inside an iteration without maxLength");
                case MapKey k -> problem(source, "compares keys of " + k.path()
                        + " with a non-literal inside an iteration (map keys cannot be bounded)");
                default -> {
                }
            }
        }
    }

    private List<Shape> resolve(CelExpr e, Map<String, List<Shape>> scope) {
        switch (e.getKind()) {
            case IDENT -> {
                String name = e.ident().name();
                if (scope.containsKey(name)) {
                    return scope.get(name);
                }
                return roots.getOrDefault(name, List.of(new Unknown("'" + name + "'")));
            }
            case SELECT -> {
                CelExpr.CelSelect select = e.select();
                if (select.testOnly()) {
                    return List.of(new Literal());
                }
                if (select.operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                        && select.operand().ident().name().equals("variables")) {
                    return variable(select.field());
                }
                List<Shape> out = new ArrayList<>();
                for (Shape s : resolve(select.operand(), scope)) {
                    out.add(child(s, select.field()));
                }
                return out;
            }
            case CALL -> {
                CelExpr.CelCall call = e.call();
                if (call.function().equals("_[_]")) {
                    List<Shape> out = new ArrayList<>();
                    for (Shape s : resolve(call.args().get(0), scope)) {
                        out.add(s instanceof Field f && (isArray(f) || isMap(f)) ? element(f)
                                : s instanceof Literal ? s : new Unknown("an element of " + describe(s)));
                    }
                    return out;
                }
                if (call.function().equals("_?_:_")) {
                    List<Shape> out = new ArrayList<>(resolve(call.args().get(1), scope));
                    out.addAll(resolve(call.args().get(2), scope));
                    return out;
                }
                return List.of(new Unknown("the result of " + call.function() + "()"));
            }
            case CONSTANT, LIST, MAP -> {
                return List.of(new Literal());
            }
            default -> {
                return List.of(new Unknown("a " + e.getKind() + " expression"));
            }
        }
    }

    private List<Shape> variable(String name) {
        String expression = variables.get(name);
        if (expression == null || !resolving.add(name)) {
            return List.of(new Unknown("variables." + name));
        }
        try {
            return resolve(CelEnvironments.parse(expression).getExpr(), Map.of());
        } finally {
            resolving.remove(name);
        }
    }

    private static Shape child(Shape parent, String name) {
        if (!(parent instanceof Field f)) {
            return parent instanceof Absent a ? new Absent(a.path() + "." + name)
                    : new Unknown("." + name + " of " + describe(parent));
        }
        String path = f.path() + "." + name;
        JsonNode declared = f.schema().path("properties").get(name);
        if (declared != null) {
            return new Field(path, declared);
        }
        if (f.path().equals(".metadata")) {
            // The server types every other visible metadata field as a plain string (no maxLength).
            return new Field(path, UNBOUNDED_STRING);
        }
        if (f.schema().path("additionalProperties").isObject()) {
            return new Field(f.path() + "{}", f.schema().get("additionalProperties"));
        }
        return new Absent(path);
    }

    private static Shape element(Field f) {
        return isArray(f) ? new Field(f.path() + "[]", f.schema().get("items"))
                : new Field(f.path() + "{}", f.schema().get("additionalProperties"));
    }

    /** What a comprehension's (first) variable stands for: list items, or map keys. */
    private static List<Shape> elements(List<Shape> range) {
        return range.stream().map(s -> s instanceof Field f && isArray(f) ? element(f)
                : s instanceof Field f && isMap(f) ? new MapKey(f.path())
                : s instanceof Literal ? s : (Shape) new Unknown("an element of " + describe(s))).toList();
    }

    /** What a two-variable comprehension's second variable stands for: list items, or map values. */
    private static List<Shape> values(List<Shape> range) {
        return range.stream().map(s -> s instanceof Field f && (isArray(f) || isMap(f)) ? element(f)
                : s instanceof Literal ? s : (Shape) new Unknown("a value of " + describe(s))).toList();
    }

    /** Alternatives that exist: a branch for another kind's schema does not count while one of them is declared. */
    private static List<Shape> present(List<Shape> shapes) {
        List<Shape> declared = shapes.stream().filter(s -> !(s instanceof Absent)).toList();
        return declared.isEmpty() ? shapes : declared;
    }

    private static boolean isLiteral(List<Shape> shapes) {
        return !shapes.isEmpty() && shapes.stream().allMatch(s -> s instanceof Literal);
    }

    private static boolean isArray(Field f) {
        return f.schema().path("type").asText("").equals("array");
    }

    private static boolean isMap(Field f) {
        return f.schema().path("type").asText("").equals("object") && f.schema().path("additionalProperties").isObject();
    }

    private static String where(Field f) {
        return f.path().isEmpty() ? "the object" : f.path();
    }

    private static String describe(Shape s) {
        return switch (s) {
            case Field f -> where(f);
            case MapKey k -> "a key of " + k.path();
            case Literal l -> "a literal";
            case Absent a -> a.path();
            case Unknown u -> u.what();
        };
    }

    private void problem(String source, String what) {
        problems.add(label + ": '" + source + "' " + what);
    }
}
