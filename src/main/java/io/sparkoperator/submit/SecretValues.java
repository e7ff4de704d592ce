package io.sparkoperator.submit;

import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secret values of one spec - sparkConf, hadoopConf and envVars values under secret-looking keys, and
 * application arguments that follow a secret-looking flag ({@code --password x}, {@code --token=x}) or are
 * {@code key=value} with such a key - masked wherever they would otherwise be shown: spark-submit's stderr lines in
 * status and Events (Spark may echo a conf or its command line), and the logged argument vector.
 */
final class SecretValues {
    /** Shorter values would mask ordinary words; such a value is not much of a secret either. */
    private static final int MIN_LENGTH = 4;

    private final Set<String> values;

    private SecretValues(Set<String> values) {
        this.values = values;
    }

    static SecretValues none() {
        return new SecretValues(Set.of());
    }

    static SecretValues of(SparkApplicationSpec spec) {
        Set<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        if (spec != null) {
            confValues(values, spec.sparkConf());
            confValues(values, spec.hadoopConf());
            for (PodRole r : PodRole.values()) {
                SparkPodSpec side = r.of(spec);
                if (side != null) {
                    confValues(values, side.envVars());
                }
            }
            arguments(values, spec.arguments());
        }
        values.removeIf(v -> v.length() < MIN_LENGTH);
        return new SecretValues(values);
    }

    String mask(String text) {
        String out = text;
        for (String v : values) {
            out = out.replace(v, SecretRedaction.MASK);
        }
        return out;
    }

    List<String> mask(List<String> lines) {
        return lines.stream().map(this::mask).toList();
    }

    private static void confValues(Set<String> values, Map<String, String> conf) {
        if (conf != null) {
            conf.forEach((k, v) -> {
                if (v != null && SecretRedaction.isSecretKey(k)) {
                    values.add(v);
                }
            });
        }
    }

    private static void arguments(Set<String> values, List<String> args) {
        if (args == null) {
            return;
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (!SecretRedaction.isSecretKey(name)) {
                continue;
            }
            if (eq >= 0) {
                values.add(a.substring(eq + 1));
            } else if (a.startsWith("-") && i + 1 < args.size()) {
                values.add(args.get(i + 1));
            }
        }
    }
}
