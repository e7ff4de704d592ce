package io.sparkoperator.sparkconnect;

import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkConnect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The names and labels of what a SparkConnect owns, as the Go operator gives them. */
public final class ConnectNames {
    /** Where the server reads the executor pod template from (a file of the {@code <name>-conf} ConfigMap). */
    static final String EXECUTOR_TEMPLATE_FILE = "executor-pod-template.yaml";
    static final String EXECUTOR_TEMPLATE_PATH = "/tmp/spark/" + EXECUTOR_TEMPLATE_FILE;
    static final String CONF_VOLUME = "spark-conf";
    static final int CONNECT_PORT = 15002;
    static final int UI_PORT = 4040;
    static final int DRIVER_PORT = 7078;
    static final int BLOCK_MANAGER_PORT = 7079;

    private ConnectNames() {
    }

    public static String serverPod(String connect) {
        return connect + "-server";
    }

    static String configMap(String connect) {
        return connect + "-conf";
    }

    /** {@code spec.server.service.metadata.name} when given, else {@code <name>-server}. */
    public static String service(SparkConnect connect) {
        var server = connect.getSpec() == null ? null : connect.getSpec().server();
        var given = server == null || server.service() == null || server.service().getMetadata() == null ? null
                : server.service().getMetadata().getName();
        return given == null || given.isBlank() ? serverPod(connect.getMetadata().getName()) : given;
    }

    /** {@code sc://<service>.<namespace>:15002}: what a Spark Connect client is given. */
    public static String clientUrl(SparkConnect connect) {
        return "sc://" + service(connect) + "." + connect.getMetadata().getNamespace() + ":" + CONNECT_PORT;
    }

    /** On the Service and ConfigMap. */
    static Map<String, String> commonLabels(String connect) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.CREATED_BY_SPARK_OPERATOR, "true");
        labels.put(Labels.CONNECT_NAME, connect);
        return labels;
    }

    /** On the server pod, and the Service's selector. */
    static Map<String, String> serverLabels(SparkConnect connect) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true");
        labels.put(Labels.CONNECT_NAME, connect.getMetadata().getName());
        labels.put(Labels.SPARK_ROLE, Labels.ROLE_CONNECT_SERVER);
        labels.put(Labels.SPARK_VERSION, Objects.requireNonNullElse(connect.getSpec().sparkVersion(), ""));
        return labels;
    }

    /** What Spark puts on the executors the server creates (through the label confs the server is started with). */
    static Map<String, String> executorLabels(String connect) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true");
        labels.put(Labels.CONNECT_NAME, connect);
        labels.put(Labels.SPARK_ROLE, Labels.ROLE_EXECUTOR);
        return labels;
    }
}
