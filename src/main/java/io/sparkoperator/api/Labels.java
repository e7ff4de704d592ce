package io.sparkoperator.api;

/** Label and annotation keys other tools select on (as in the Go operator). */
public final class Labels {
    public static final String PREFIX = "sparkoperator.k8s.io/";
    public static final String APP_NAME = PREFIX + "app-name";
    public static final String LAUNCHED_BY_SPARK_OPERATOR = PREFIX + "launched-by-spark-operator";
    public static final String SUBMISSION_ID = PREFIX + "submission-id";
    public static final String MUTATED_BY_SPARK_OPERATOR = PREFIX + "mutated-by-spark-operator";
    public static final String SCHEDULED_APP_NAME = PREFIX + "scheduled-app-name";
    public static final String CREATED_BY_SPARK_OPERATOR = PREFIX + "created-by-spark-operator";
    /** With {@code --shards} above 1: the app's shard and the shard count it was computed for (copied to its pods). */
    public static final String SHARD = PREFIX + "shard";
    public static final String SHARDS = PREFIX + "shards";
    /** The SparkConnect a server or executor pod (and its Service, ConfigMap) belongs to. */
    public static final String CONNECT_NAME = PREFIX + "connect-name";
    /** The sparkVersion of a SparkConnect, on its server pod (no prefix, as in the Go operator). */
    public static final String SPARK_VERSION = "spark-version";

    /** Labels Spark itself puts on the pods it creates. */
    public static final String SPARK_ROLE = "spark-role";
    public static final String SPARK_APP_SELECTOR = "spark-app-selector";
    public static final String SPARK_EXEC_ID = "spark-exec-id";
    public static final String ROLE_DRIVER = "driver";
    public static final String ROLE_EXECUTOR = "executor";
    public static final String ROLE_CONNECT_SERVER = "connect-server";

    /** App labels with this prefix are not copied onto pods (as in the Go operator). */
    public static final String KUEUE_PREFIX = "kueue.x-k8s.io/";

    /** Name of the container Spark runs the driver in; its exit code decides success. */
    public static final String DRIVER_CONTAINER = "spark-kubernetes-driver";
    public static final String EXECUTOR_CONTAINER = "spark-kubernetes-executor";

    private Labels() {
    }
}
