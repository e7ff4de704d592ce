package io.sparkoperator.testing;

/** SparkApplication manifests for tests. */
public final class TestApps {
    private TestApps() {
    }

    public static String sparkPi(String namespace, String name) {
        return sparkPi(namespace, name, "");
    }

    /** {@code extraSpec} is YAML indented by two spaces, appended to spec. */
    public static String sparkPi(String namespace, String name, String extraSpec) {
        return """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  type: Scala
                  mode: cluster
                  image: spark:4.1.1
                  sparkVersion: 4.1.1
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  driver:
                    cores: 1
                    memory: 512m
                  executor:
                    instances: 1
                    cores: 1
                    memory: 512m
                %s""".formatted(name, namespace, extraSpec);
    }
}
