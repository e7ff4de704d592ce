package io.sparkoperator.submit;

import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;

/** SparkApplications for tests, written as the manifests users apply. */
final class TestApps {
    static final String UID = "0b8f5d2e-5a0c-4a51-9d7e-3f1c2a6b7c8d";

    private TestApps() {
    }

    static SparkApplication parse(String yaml) {
        return ApiJson.parse(yaml, SparkApplication.class);
    }

    /** The Go operator's examples/spark-pi.yaml, with a uid as the API server would give it. */
    static SparkApplication sparkPi() {
        return parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: spark-pi
                  namespace: default
                  uid: %s
                spec:
                  type: Scala
                  mode: cluster
                  image: docker.io/apache/spark:4.0.4
                  imagePullPolicy: IfNotPresent
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  arguments: ["5000"]
                  sparkVersion: 4.0.4
                  driver:
                    labels: {version: 4.0.0}
                    cores: 1
                    memory: 512m
                    serviceAccount: spark-operator-spark
                  executor:
                    labels: {version: 4.0.0}
                    instances: 1
                    cores: 1
                    memory: 512m
                """.formatted(UID));
    }
}
