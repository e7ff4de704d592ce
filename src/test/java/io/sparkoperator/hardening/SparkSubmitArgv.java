package io.sparkoperator.hardening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What spark-submit would make of an argument vector, following Spark 4.1's {@code SparkSubmitOptionParser} and
 * {@code SparkSubmitArguments}: options are read until the first token that is neither an option nor a switch (the
 * primary resource); everything after it goes to the application untouched. {@code --opt=value} is one token, the
 * last value of a repeated option or {@code --conf} key wins, an unknown token starting with '-' is an error. With
 * an argv list there is no shell, so this parser is the only place an input can change what gets submitted.
 */
record SparkSubmitArgv(Map<String, String> options, Map<String, String> conf, String primaryResource,
        List<String> applicationArguments, Optional<String> error) {
    private static final Set<String> WITH_VALUE = Set.of("--archives", "--class", "--conf", "-c", "--deploy-mode",
            "--driver-class-path", "--driver-cores", "--driver-java-options", "--driver-library-path",
            "--driver-memory", "--executor-cores", "--executor-memory", "--files", "--jars", "--keytab", "--kill",
            "--master", "--name", "--num-executors", "--packages", "--exclude-packages", "--principal",
            "--properties-file", "--proxy-user", "--py-files", "--queue", "--repositories", "--status",
            "--total-executor-cores", "--remote");
    private static final Set<String> SWITCHES = Set.of("--help", "-h", "--supervise", "--usage-error", "--verbose",
            "-v", "--version", "--load-spark-defaults");
    private static final Pattern EQ_SEPARATED = Pattern.compile("(--[^=]+)=(.+)", Pattern.DOTALL);

    static SparkSubmitArgv parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            Matcher m = EQ_SEPARATED.matcher(arg);
            if (m.matches()) {
                arg = m.group(1);
                value = m.group(2);
            }
            if (WITH_VALUE.contains(arg)) {
                if (value == null) {
                    if (i == args.size() - 1) {
                        return failed(options, conf, "Missing argument for option '" + arg + "'.");
                    }
                    value = args.get(++i);
                }
                if (arg.equals("--conf") || arg.equals("-c")) {
                    int eq = value.indexOf('=');
                    if (eq < 0) {
                        return failed(options, conf, "Spark config without '=': " + value);
                    }
                    conf.put(value.substring(0, eq), value.substring(eq + 1));
                } else {
                    options.put(arg, value);
                }
            } else if (SWITCHES.contains(arg)) {
                options.put(arg, "true");
            } else if (arg.startsWith("-")) {
                return failed(options, conf, "Unrecognized option '" + arg + "'.");
            } else {
                return new SparkSubmitArgv(options, conf, arg, List.copyOf(args.subList(i + 1, args.size())),
                        Optional.empty());
            }
        }
        return failed(options, conf, "Must specify a primary resource (JAR or Python or R file)");
    }

    private static SparkSubmitArgv failed(Map<String, String> options, Map<String, String> conf, String error) {
        return new SparkSubmitArgv(options, conf, null, List.of(), Optional.of(error));
    }
}
