package io.sparkoperator.api;

/** Names of the API group, version and kinds, as they appear in manifests and owner references. */
public final class ApiGroup {
    public static final String GROUP = "sparkoperator.k8s.io";
    public static final String VERSION = "v1beta2";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String SPARK_APPLICATION = "SparkApplication";
    public static final String SCHEDULED_SPARK_APPLICATION = "ScheduledSparkApplication";
    /** SparkConnect is younger than the other two and lives in its own version, as in the Go operator. */
    public static final String VERSION_V1ALPHA1 = "v1alpha1";
    public static final String API_VERSION_V1ALPHA1 = GROUP + "/" + VERSION_V1ALPHA1;
    public static final String SPARK_CONNECT = "SparkConnect";

    private ApiGroup() {
    }
}
