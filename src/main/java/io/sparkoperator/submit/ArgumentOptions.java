package io.sparkoperator.submit;

/**
 * Operator-wide settings that change the spark-submit arguments.
 *
 * @param loadSparkDefaults pass {@code --load-spark-defaults} (Spark 4: also read {@code spark-defaults.conf}
 *                          when {@code --properties-file} is given; the Go operator's {@code LoadSparkDefaults} gate)
 * @param uiIngressUrlFormat the operator's {@code --ingress-url-format} when the UI service and ingress are on, else
 *                           {@code null}; a path in it becomes {@code spark.ui.proxyBase} unless the user set one
 */
public record ArgumentOptions(boolean loadSparkDefaults, String uiIngressUrlFormat) {
    public static ArgumentOptions defaults() {
        return new ArgumentOptions(false, null);
    }
}
