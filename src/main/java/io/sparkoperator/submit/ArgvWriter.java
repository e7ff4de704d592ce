package io.sparkoperator.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Appends spark-submit flags and {@code --conf key=value} pairs, skipping absent values; maps go in key order. */
final class ArgvWriter {
    private final List<String> argv = new ArrayList<>();

    void add(String... raw) {
        argv.addAll(List.of(raw));
    }

    void flag(String flag, String value) {
        if (value != null && !value.isEmpty()) {
            argv.add(flag);
            argv.add(value);
        }
    }

    /** A comma-joined list flag such as {@code --jars}; nothing when empty. */
    void flag(String flag, List<String> values) {
        if (values != null && !values.isEmpty()) {
            flag(flag, String.join(",", values));
        }
    }

    void conf(String key, Object value) {
        if (value != null) {
            argv.add("--conf");
            argv.add(key + "=" + value);
        }
    }

    /** One {@code --conf prefix+key=value} per entry, sorted by key so the argv is deterministic. */
    void confs(String prefix, Map<String, String> entries) {
        if (entries != null) {
            new TreeMap<>(entries).forEach((k, v) -> conf(prefix + k, v == null ? "" : v));
        }
    }

    List<String> toList() {
        return List.copyOf(argv);
    }
}
