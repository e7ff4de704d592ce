package io.sparkoperator.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The series selectors of a PromQL expression (as Prometheus or a Grafana panel holds it): metric names with their
 * label matchers. Skips what is not a metric: function and aggregation names (an unknown one is an error, so a typo
 * cannot pass for a metric), keywords and the label lists of {@code by}/{@code without}/{@code on}/
 * {@code ignoring}/{@code group_left}/{@code group_right}, strings, numbers and durations, ranges and subqueries,
 * {@code offset}/{@code @} modifiers, comments and Grafana variables. Metric names are kept as written: a query for
 * a histogram's {@code x_bucket} names {@code x_bucket}, and is checked against the samples a scrape exposes.
 */
final class PromQl {
    /** One label matcher: {@code label op "value"}, op one of {@code = != =~ !~}. */
    record Matcher(String label, String op, String value) {
    }

    /** One vector selector: {@code metric{matchers}}. */
    record Selector(String metric, List<Matcher> matchers) {
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos",
            "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "delta",
            "deriv", "double_exponential_smoothing", "end", "exp", "floor", "histogram_avg", "histogram_count",
            "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum",
            "holt_winters", "hour", "idelta", "increase", "info", "irate", "label_join", "label_replace",
            "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time", "min_over_time", "minute",
            "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
            "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc",
            "sqrt", "start", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time",
            "timestamp", "vector", "year");
    /** Followed by a parenthesized list of label names (optional after group_left/group_right). */
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> OPERATOR_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2");

    private final String expr;
    private int at;
    private int depth;
    private final List<Selector> selectors = new ArrayList<>();

    private PromQl(String expr) {
        this.expr = expr;
    }

    /**
     * @throws IllegalArgumentException with the position, for an unknown function, a malformed selector or
     *         unbalanced parentheses
     */
    static List<Selector> selectors(String expr) {
        PromQl parser = new PromQl(expr);
        parser.scan();
        return List.copyOf(parser.selectors);
    }

    private void scan() {
        while (at < expr.length()) {
            char c = expr.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '"' || c == '\'' || c == '`') {
                readString();
            } else if (c == '[') {
                skipPast(']');
            } else if (c == '$') {
                skipVariable();
            } else if (Character.isDigit(c) || c == '.' && at + 1 < expr.length()
                    && Character.isDigit(expr.charAt(at + 1))) {
                skipNumberOrDuration();
            } else if (c == '{') {
                selectors.add(namedByMatcher(readMatchers()));
            } else if (isIdentifierStart(c)) {
                identifier();
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth < 0) {
                    throw error(at, "unbalanced )");
                }
                at++;
            } else {
                at++; // operators, commas, '@'
            }
        }
        if (depth != 0) {
            throw error(at, depth + " unclosed (");
        }
    }

    private void identifier() {
        int start = at;
        String name = readIdentifier();
        String word = name.toLowerCase(Locale.ROOT);
        if (LABEL_LIST_KEYWORDS.contains(word)) {
            skipSpace();
            if (peek() == '(') {
                skipPast(')');
            }
        } else if (OPERATOR_KEYWORDS.contains(word) || word.equals("inf") || word.equals("nan")
                || AGGREGATIONS.contains(word)) {
            return;
        } else {
            skipSpace();
            if (peek() == '(') {
                if (!FUNCTIONS.contains(name)) {
                    throw error(start, "unknown function " + name + "()");
                }
            } else if (peek() == '{') {
                selectors.add(new Selector(name, readMatchers()));
            } else {
                selectors.add(new Selector(name, List.of()));
            }
        }
    }

    /** {@code {__name__="x", ...}}: a selector whose metric name is a matcher. */
    private Selector namedByMatcher(List<Matcher> matchers) {
        for (Matcher m : matchers) {
            if (m.label().equals("__name__") && m.op().equals("=")) {
                return new Selector(m.value(), matchers.stream().filter(o -> o != m).toList());
            }
        }
        throw error(at, "a selector without a metric name cannot be checked: " + matchers);
    }

    private List<Matcher> readMatchers() {
        at++; // '{'
        List<Matcher> matchers = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                at++;
                return matchers;
            }
            if (!isIdentifierStart(peek())) {
                throw error(at, "expected a label name");
            }
            String label = readIdentifier();
            skipSpace();
            String op = readMatchOperator();
            skipSpace();
            char quote = peek();
            if (quote != '"' && quote != '\'' && quote != '`') {
                throw error(at, "expected a quoted value for " + label);
            }
            matchers.add(new Matcher(label, op, readString()));
            skipSpace();
            if (peek() == ',') {
                at++;
            } else if (peek() != '}') {
                throw error(at, "expected , or } after a matcher");
            }
        }
    }

    private String readMatchOperator() {
        for (String op : List.of("=~", "!~", "!=", "=")) {
            if (expr.startsWith(op, at)) {
                at += op.length();
                return op;
            }
        }
        throw error(at, "expected =, !=, =~ or !~");
    }

    /** Reads a quoted string and returns its content (escapes resolved as Go does for the common ones). */
    private String readString() {
        char quote = expr.charAt(at++);
        StringBuilder out = new StringBuilder();
        while (at < expr.length()) {
            char c = expr.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && quote != '`' && at < expr.length()) {
                char next = expr.charAt(at++);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        throw error(at, "unterminated string");
    }

    private String readIdentifier() {
        int start = at;
        while (at < expr.length() && isIdentifierPart(expr.charAt(at))) {
            at++;
        }
        return expr.substring(start, at);
    }

    /** {@code 0.99}, {@code 1e-3}, {@code 0x1f}, {@code 5m}, {@code 1h30m}. */
    private void skipNumberOrDuration() {
        int start = at;
        while (at < expr.length()) {
            char c = expr.charAt(at);
            boolean exponentSign = (c == '+' || c == '-') && "eE".indexOf(expr.charAt(at - 1)) >= 0
                    && !expr.regionMatches(true, start, "0x", 0, 2);
            if (!Character.isLetterOrDigit(c) && c != '.' && !exponentSign) {
                return;
            }
            at++;
        }
    }

    /** {@code $name}, {@code ${name}} or {@code ${name:format}}: Grafana's, replaced before Prometheus sees it. */
    private void skipVariable() {
        at++;
        if (peek() == '{') {
            skipPast('}');
        } else {
            readIdentifier();
        }
    }

    private void skipComment() {
        while (at < expr.length() && expr.charAt(at) != '\n') {
            at++;
        }
    }

    /** Skips to just after the matching closer, over strings (label lists, ranges and subqueries do not nest). */
    private void skipPast(char closer) {
        int start = at;
        at++;
        while (at < expr.length()) {
            char c = expr.charAt(at);
            if (c == closer) {
                at++;
                return;
            }
            if (c == '"' || c == '\'' || c == '`') {
                readString();
            } else {
                at++;
            }
        }
        throw error(start, "no closing " + closer);
    }

    private void skipSpace() {
        while (at < expr.length() && Character.isWhitespace(expr.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        return at < expr.length() ? expr.charAt(at) : '\0';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    private IllegalArgumentException error(int position, String message) {
        return new IllegalArgumentException(message + " at " + position + " in: " + expr);
    }
}
