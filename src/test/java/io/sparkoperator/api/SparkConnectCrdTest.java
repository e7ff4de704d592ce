package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SparkConnect CRD accepts what the Go operator's accepts (its own example manifest, unchanged) and refuses
 * names whose server pod and Service {@code <name>-server} could not exist, with its CEL rule evaluated as the API
 * server evaluates it; its schema checks restart policy and counts.
 */
class SparkConnectCrdTest {
    private static final String NAME = "metadata.name must be a DNS-1035 label of at most 56 characters";

    /** The Go operator's examples/sparkconnect/spark-connect.yaml (v2.3), field for field. */
    static final String GO_OPERATOR_EXAMPLE = """
            apiVersion: sparkoperator.k8s.io/v1alpha1
            kind: SparkConnect
            metadata:
              name: spark-connect
              namespace: default
            spec:
              sparkVersion: 4.0.1
              server:
                template:
                  metadata:
                    labels:
                      key1: value1
                      key2: value2
                    annotations:
                      key3: value3
                      key4: value4
                  spec:
                    containers:
                    - name: spark-kubernetes-driver
                      image: docker.io/library/spark:4.0.3
                      imagePullPolicy: Always
                      resources:
                        requests:
                          cpu: 1
                          memory: 1Gi
                        limits:
                          cpu: 1
                          memory: 1Gi
                    serviceAccount: spark-operator-spark
                    securityContext:
                      capabilities:
                        drop:
                        - ALL
                      runAsGroup: 185
                      runAsUser: 185
                      runAsNonRoot: true
                      allowPrivilegeEscalation: false
                      seccompProfile:
                        type: RuntimeDefault
              executor:
                instances: 2
                cores: 1
                memory: 512m
                template:
                  metadata:
                    labels:
                      key1: value1
                  spec:
                    containers:
                    - name: spark-kubernetes-executor
                      image: docker.io/library/spark:4.0.3
                      imagePullPolicy: Always
            """;

    private static JsonNode crd() {
        return Manifests.crd(Manifests.CONNECT_CRD);
    }

    private static List<String> problems(JsonNode manifest) {
        List<String> problems = new java.util.ArrayList<>(StructuralSchemaValidator.validateResource(
                crd().at("/spec/versions/0/schema/openAPIV3Schema"), manifest));
        problems.addAll(CrdRuleEvaluator.violations(crd(), manifest));
        return problems;
    }

    private static ObjectNode example(Consumer<ObjectNode> change) {
        ObjectNode manifest = (ObjectNode) Manifests.tree(Manifests.file("examples/spark-connect.yaml")).deepCopy();
        change.accept(manifest);
        return manifest;
    }

    @Test
    void acceptsTheGoOperatorsExampleUnchanged() {
        assertEquals(List.of(), problems(Manifests.tree(GO_OPERATOR_EXAMPLE)));
        SparkConnect read = ApiJson.parse(GO_OPERATOR_EXAMPLE, SparkConnect.class);
        assertEquals(2, read.getSpec().executor().instances());
        assertEquals("spark-kubernetes-driver",
                read.getSpec().server().template().getSpec().getContainers().get(0).getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "spark-connect", "connect-2026", "x23456789012345678901234567890123456789012345678901234"
            + "56"})
    void acceptsNames(String name) {
        assertEquals(List.of(), problems(example(m -> ((ObjectNode) m.get("metadata")).put("name", name))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad.name", "Spark-Connect", "1connect", "connect-", "connect_1",
            "x2345678901234567890123456789012345678901234567890123456" + "7"})
    void refusesNamesWhoseServerCouldNotExist(String name) {
        List<String> problems = problems(example(m -> ((ObjectNode) m.get("metadata")).put("name", name)));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("<nil>: Invalid value: ") && problems.get(0).contains(NAME),
                problems.get(0));
    }

    @Test
    void refusesAnUnknownRestartPolicyAndNegativeCounts() {
        assertEquals(1, problems(example(m -> ((ObjectNode) m.at("/spec/restartPolicy"))
                .put("restartPolicyType", "Sometimes"))).size());
        assertEquals(1, problems(example(m -> ((ObjectNode) m.at("/spec/executor")).put("instances", -1))).size());
        assertEquals(1, problems(example(m -> ((ObjectNode) m.at("/spec/server")).put("cores", 0))).size());
        assertEquals(1, problems(example(m -> ((ObjectNode) m.at("/spec/restartPolicy"))
                .put("onFailureRetryInterval", 0))).size());
    }

    @Test
    void requiresTheServerAndExecutor() {
        List<String> problems = problems(example(m -> ((ObjectNode) m.get("spec")).remove("server")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("server"), problems.get(0));
    }
}
