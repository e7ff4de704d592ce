package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.sparkoperator.api.ConnectExecutorSpec;
import io.sparkoperator.api.ConnectServerSpec;
import io.sparkoperator.api.DynamicAllocation;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.api.SparkConnectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The command line the server container runs through {@code bash -c}: Spark's {@code start-connect-server.sh} in
 * client mode against the cluster, with the options in the Go operator's order (master, namespace, image, sparkConf,
 * hadoopConf, driver, executor, executor template, dynamic allocation; a later {@code --conf} wins in Spark). Map
 * entries are sorted so that the same spec always gives the same line (the server is rolled when the line changes).
 */
final class ServerArgs {
    static final String SCRIPT = "${SPARK_HOME}/sbin/start-connect-server.sh";
    /** The pod IP, in brackets when IPv6 (Spark needs them in a host:port), computed by the shell at start. */
    static final String DRIVER_HOST = "$(host=${POD_IP}; if [[ $host == *:* ]] && [[ $host != \\[* ]]; then echo"
            + " \"[$host]\"; else echo \"$host\"; fi)";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:@=+,-]*");

    private ServerArgs() {
    }

    static List<String> of(SparkConnect connect, String masterUrl) throws InvalidConnectException {
        String name = connect.getMetadata().getName();
        SparkConnectSpec spec = connect.getSpec();
        List<String> args = new ArrayList<>();
        args.add(SCRIPT);
        args.add("--master");
        args.add(masterUrl);
        conf(args, "spark.kubernetes.namespace", connect.getMetadata().getNamespace());
        String image = executorImage(spec);
        conf(args, "spark.kubernetes.container.image", image);
        conf(args, "spark.kubernetes.executor.container.image", image);
        new TreeMap<>(orEmpty(spec.sparkConf())).forEach((key, value) -> {
            if (!key.equals("spark.kubernetes.driver.pod.name")) { // the operator names the server pod
                quotedConf(args, key, value);
            }
        });
        new TreeMap<>(orEmpty(spec.hadoopConf())).forEach((key, value) ->
                quotedConf(args, key.startsWith("spark.hadoop.") ? key : "spark.hadoop." + key, value));
        driver(args, connect, spec.server());
        executor(args, connect, spec.executor());
        if (spec.executor() != null && spec.executor().template() != null) {
            conf(args, "spark.kubernetes.executor.podTemplateFile", ConnectNames.EXECUTOR_TEMPLATE_PATH);
            conf(args, "spark.kubernetes.executor.podTemplateContainerName", Labels.EXECUTOR_CONTAINER);
        }
        dynamicAllocation(args, spec.dynamicAllocation());
        return args;
    }

    /** The executor container's image in the executor template, else {@code spec.image}. */
    private static String executorImage(SparkConnectSpec spec) throws InvalidConnectException {
        String image = spec.image() == null || spec.image().isEmpty() ? null : spec.image();
        PodTemplateSpec template = spec.executor() == null ? null : spec.executor().template();
        if (template != null && template.getSpec() != null && template.getSpec().getContainers() != null) {
            for (Container container : template.getSpec().getContainers()) {
                if (Labels.EXECUTOR_CONTAINER.equals(container.getName()) && container.getImage() != null
                        && !container.getImage().isEmpty()) {
                    image = container.getImage();
                }
            }
        }
        if (image == null) {
            throw new InvalidConnectException("image is not specified: set spec.image or the image of the "
                    + Labels.EXECUTOR_CONTAINER + " container in spec.executor.template");
        }
        return image;
    }

    private static void driver(List<String> args, SparkConnect connect, ConnectServerSpec server) {
        String name = connect.getMetadata().getName();
        conf(args, "spark.kubernetes.driver.label." + Labels.LAUNCHED_BY_SPARK_OPERATOR, "true");
        conf(args, "spark.kubernetes.driver.label." + Labels.CONNECT_NAME, name);
        new TreeMap<>(orEmpty(connect.getMetadata().getLabels())).forEach((key, value) ->
                conf(args, "spark.kubernetes.driver.label." + key, value));
        if (server != null && server.cores() != null) {
            conf(args, "spark.driver.cores", String.valueOf(server.cores()));
        }
        if (server != null && server.memory() != null) {
            conf(args, "spark.driver.memory", server.memory());
        }
        conf(args, "spark.driver.bindAddress", "0.0.0.0");
        args.add("--conf");
        args.add("spark.driver.host=" + DRIVER_HOST);
        conf(args, "spark.driver.port", String.valueOf(ConnectNames.DRIVER_PORT));
        conf(args, "spark.driver.blockManager.port", String.valueOf(ConnectNames.BLOCK_MANAGER_PORT));
        conf(args, "spark.kubernetes.driver.pod.name", ConnectNames.serverPod(name));
    }

    private static void executor(List<String> args, SparkConnect connect, ConnectExecutorSpec executor) {
        String name = connect.getMetadata().getName();
        conf(args, "spark.kubernetes.executor.label." + Labels.LAUNCHED_BY_SPARK_OPERATOR, "true");
        conf(args, "spark.kubernetes.executor.label." + Labels.CONNECT_NAME, name);
        new TreeMap<>(orEmpty(connect.getMetadata().getLabels())).forEach((key, value) ->
                conf(args, "spark.kubernetes.executor.label." + key, value));
        if (executor != null && executor.instances() != null) {
            conf(args, "spark.executor.instances", String.valueOf(executor.instances()));
        }
        if (executor != null && executor.cores() != null) {
            conf(args, "spark.executor.cores", String.valueOf(executor.cores()));
        }
        if (executor != null && executor.memory() != null) {
            conf(args, "spark.executor.memory", executor.memory());
        }
        // Executors are named <name>-exec-<n>, so the SparkConnect finds its executors by name as well as by label.
        conf(args, "spark.kubernetes.executor.podNamePrefix", name);
    }

    private static void dynamicAllocation(List<String> args, DynamicAllocation allocation) {
        if (allocation == null || !Boolean.TRUE.equals(allocation.enabled())) {
            return;
        }
        conf(args, "spark.dynamicAllocation.enabled", "true");
        if (allocation.initialExecutors() != null) {
            conf(args, "spark.dynamicAllocation.initialExecutors", String.valueOf(allocation.initialExecutors()));
        }
        if (allocation.minExecutors() != null) {
            conf(args, "spark.dynamicAllocation.minExecutors", String.valueOf(allocation.minExecutors()));
        }
        if (allocation.maxExecutors() != null) {
            conf(args, "spark.dynamicAllocation.maxExecutors", String.valueOf(allocation.maxExecutors()));
        }
        conf(args, "spark.dynamicAllocation.shuffleTracking.enabled",
                String.valueOf(!Boolean.FALSE.equals(allocation.shuffleTrackingEnabled())));
        if (allocation.shuffleTrackingTimeout() != null) {
            conf(args, "spark.dynamicAllocation.shuffleTracking.timeout",
                    String.valueOf(allocation.shuffleTrackingTimeout()));
        }
    }

    /** An operator-made {@code --conf}: plain as the Go operator writes it, quoted when a value needs it. */
    private static void conf(List<String> args, String key, String value) {
        args.add("--conf");
        String pair = key + "=" + value;
        args.add(PLAIN.matcher(pair).matches() ? pair : shellQuoted(pair));
    }

    /** sparkConf and hadoopConf entries are always single-quoted (as in the Go operator): the shell keeps them. */
    private static void quotedConf(List<String> args, String key, String value) {
        args.add("--conf");
        args.add(shellQuoted(key + "=" + value));
    }

    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
