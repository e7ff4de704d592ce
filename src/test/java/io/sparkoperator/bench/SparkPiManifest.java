package io.sparkoperator.bench;

/**
 * The load: the Go operator's examples/spark-pi.yaml as JSON, one per generated name. Labels and sizes are what a
 * user would apply; nothing in it is tuned for the benchmark.
 */
public final class SparkPiManifest {
    public static final String NAMESPACE = "default";

    private SparkPiManifest() {
    }

    public static String name(int index) {
        return "spark-pi-" + index;
    }

    public static String json(String name) {
        return """
                {"apiVersion":"sparkoperator.k8s.io/v1beta2","kind":"SparkApplication",
                 "metadata":{"name":"%s","namespace":"%s","labels":{"team":"bench"}},
                 "spec":{"type":"Scala","mode":"cluster","image":"docker.io/apache/spark:4.0.4",
                  "imagePullPolicy":"IfNotPresent","mainClass":"org.apache.spark.examples.SparkPi",
                  "mainApplicationFile":"local:///opt/spark/examples/jars/spark-examples.jar",
                  "arguments":["5000"],"sparkVersion":"4.0.4",
                  "driver":{"labels":{"version":"4.0.4"},"cores":1,"memory":"512m",
                   "serviceAccount":"spark-operator-spark"},
                  "executor":{"labels":{"version":"4.0.4"},"instances":1,"cores":1,"memory":"512m"}}}
                """.formatted(name, NAMESPACE);
    }
}
