package io.sparkoperator.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplicationSpec;
import java.util.List;
import java.util.Map;

/**
 * What could change the meaning of the spark-submit argument vector or keep it from being executed at all. There
 * is no shell, but spark-submit reads options until the first non-option: a main file starting with '-' would be
 * read as an option (e.g. {@code --master <attacker>} with the next argument as the file). A NUL cannot be passed
 * through exec; a control character in a conf key would smuggle a second key into Spark's properties. Linux refuses
 * a single argument over 128 KiB and all of them over about 2 MiB, and a real API server stores objects of at most
 * about 1.5 MiB, so larger maps and argument lists are refused here with a message instead of failing at exec.
 */
final class ArgvSafety {
    static final int MAX_ONE_ARGUMENT = 128 * 1024 - 1;
    static final int MAX_CONF_AND_ARGUMENTS = 1024 * 1024;

    private ArgvSafety() {
    }

    static void check(List<String> problems, SparkApplicationSpec spec) {
        String main = spec.mainApplicationFile();
        if (main != null && main.strip().startsWith("-")) {
            problems.add("spec.mainApplicationFile \"" + main + "\" starts with '-': spark-submit would read it as an"
                    + " option (give a file path or URL)");
        }
        nulAndSize(problems, "spec", ApiJson.mapper().valueToTree(spec));
        confKeys(problems, "sparkConf", spec.sparkConf());
        confKeys(problems, "hadoopConf", spec.hadoopConf());
        long total = size(spec.sparkConf()) + size(spec.hadoopConf());
        for (String a : spec.arguments() == null ? List.<String>of() : spec.arguments()) {
            total += a.length() + 1;
        }
        if (total > MAX_CONF_AND_ARGUMENTS) {
            problems.add("sparkConf, hadoopConf and arguments are too large together (" + total + " characters, at"
                    + " most " + MAX_CONF_AND_ARGUMENTS + "): use a file in the image or spec.sparkConfigMap");
        }
    }

    /** Walks every string of the spec (pod templates too: they are written to files spark-submit reads). */
    private static void nulAndSize(List<String> problems, String path, JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            if (text.indexOf('\0') >= 0) {
                problems.add(path + " contains a NUL character");
            }
            if (text.length() > MAX_ONE_ARGUMENT) {
                problems.add(path + " is too large (" + text.length() + " characters, at most " + MAX_ONE_ARGUMENT
                        + " fit in one process argument)");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nulAndSize(problems, path + "[" + i + "]", node.get(i));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = path.endsWith("Conf") || path.endsWith("labels") || path.endsWith("annotations")
                        ? path + "[" + e.getKey() + "]" : path + "." + e.getKey();
                if (e.getKey().indexOf('\0') >= 0) {
                    problems.add(path + " has a key with a NUL character");
                }
                nulAndSize(problems, child, e.getValue());
            }
        }
    }

    private static void confKeys(List<String> problems, String field, Map<String, String> conf) {
        if (conf == null) {
            return;
        }
        conf.keySet().stream().sorted().filter(ArgvSafety::hasControlOrSpace).forEach(k -> problems.add(
                field + " key \"" + k.replaceAll("\\p{Cntrl}", "?") + "\" contains a control character or space"));
    }

    private static boolean hasControlOrSpace(String key) {
        return key.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }

    private static long size(Map<String, String> conf) {
        long n = 0;
        if (conf != null) {
            for (Map.Entry<String, String> e : conf.entrySet()) {
                n += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length()) + 10;
            }
        }
        return n;
    }
}
