package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-made bad manifests are rejected with the error a user needs; good variations pass. */
class StructuralSchemaValidatorTest {
    private static final String APP = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata:
              name: spark-pi
              namespace: default
            spec:
              type: Scala
              sparkVersion: 4.1.1
              mainApplicationFile: local:///opt/spark/examples/jars/spark-examples_2.13-4.1.1.jar
              driver:
                cores: 1
              executor:
                instances: 1
            """;

    private static List<String> errorsAfter(String crd, String manifest, Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) Manifests.tree(manifest);
        edit.accept(tree);
        return StructuralSchemaValidator.validateResource(Manifests.rootSchema(crd), tree);
    }

    private static List<String> appErrorsAfter(Consumer<ObjectNode> edit) {
        return errorsAfter(Manifests.APP_CRD, APP, edit);
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    @Test
    void theMinimalApplicationIsValid() {
        assertEquals(List.of(), appErrorsAfter(tree -> { }));
    }

    static Stream<Arguments> badEdits() {
        return Stream.of(
                Arguments.of("no driver", (Consumer<ObjectNode>) t -> at(t, "/spec").remove("driver"),
                        "spec: required field 'driver' is missing"),
                Arguments.of("no sparkVersion", (Consumer<ObjectNode>) t -> at(t, "/spec").remove("sparkVersion"),
                        "spec: required field 'sparkVersion' is missing"),
                Arguments.of("unknown type", (Consumer<ObjectNode>) t -> at(t, "/spec").put("type", "Kotlin"),
                        "spec.type: \"Kotlin\" is not one of [\"Java\",\"Scala\",\"Python\",\"R\"]"),
                Arguments.of("in-cluster-client mode", (Consumer<ObjectNode>) t -> at(t, "/spec").put("mode", "in-cluster-client"),
                        "spec.mode: \"in-cluster-client\" is not one of [\"cluster\",\"client\"]"),
                Arguments.of("zero executors", (Consumer<ObjectNode>) t -> at(t, "/spec/executor").put("instances", 0),
                        "spec.executor.instances: must be >= 1"),
                Arguments.of("zero cores", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").put("cores", 0),
                        "spec.driver.cores: must be >= 1"),
                Arguments.of("cores as text", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").put("cores", "1"),
                        "spec.driver.cores: must be an integer"),
                Arguments.of("cores beyond int32", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").put("cores", 1L << 32),
                        "spec.driver.cores: must fit in int32"),
                Arguments.of("a typo", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").put("memroy", "1g"),
                        "spec.driver.memroy: unknown field (a server would prune it)"),
                Arguments.of("a misspelled top-level field", (Consumer<ObjectNode>) t -> at(t, "/spec").put("sparkconf", "x"),
                        "spec.sparkconf: unknown field (a server would prune it)"),
                Arguments.of("podName not a DNS name", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").put("podName", "Driver_Pod"),
                        "spec.driver.podName: must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"),
                Arguments.of("prometheus port too low", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("monitoring")
                                .put("exposeDriverMetrics", true).put("exposeExecutorMetrics", true)
                                .putObject("prometheus").put("jmxExporterJar", "/j.jar").put("port", 80),
                        "spec.monitoring.prometheus.port: must be >= 1024"),
                Arguments.of("prometheus port too high", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("monitoring")
                                .put("exposeDriverMetrics", true).put("exposeExecutorMetrics", true)
                                .putObject("prometheus").put("jmxExporterJar", "/j.jar").put("port", 49152),
                        "spec.monitoring.prometheus.port: must be <= 49151"),
                Arguments.of("prometheus without jar", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("monitoring")
                                .put("exposeDriverMetrics", true).put("exposeExecutorMetrics", true)
                                .putObject("prometheus"),
                        "spec.monitoring.prometheus: required field 'jmxExporterJar' is missing"),
                Arguments.of("negative retries", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("restartPolicy")
                                .put("type", "OnFailure").put("onFailureRetries", -1),
                        "spec.restartPolicy.onFailureRetries: must be >= 0"),
                Arguments.of("zero retry interval", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("restartPolicy")
                                .put("type", "OnFailure").put("onSubmissionFailureRetryInterval", 0),
                        "spec.restartPolicy.onSubmissionFailureRetryInterval: must be >= 1"),
                Arguments.of("unknown restart policy", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("restartPolicy")
                                .put("type", "Sometimes"),
                        "spec.restartPolicy.type: \"Sometimes\" is not one of [\"Never\",\"OnFailure\",\"Always\"]"),
                Arguments.of("sparkConf value not a string", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("sparkConf")
                                .put("spark.executor.cores", 2),
                        "spec.sparkConf.spark.executor.cores: must be a string"),
                Arguments.of("1001 sparkConf entries", (Consumer<ObjectNode>) t -> {
                            ObjectNode conf = at(t, "/spec").putObject("sparkConf");
                            for (int i = 0; i < 1001; i++) {
                                conf.put("spark.test.key" + i, "v");
                            }
                        }, "spec.sparkConf: must have at most 1000 properties"),
                Arguments.of("1001 hadoopConf entries", (Consumer<ObjectNode>) t -> {
                            ObjectNode conf = at(t, "/spec").putObject("hadoopConf");
                            for (int i = 0; i < 1001; i++) {
                                conf.put("fs.test.key" + i, "v");
                            }
                        }, "spec.hadoopConf: must have at most 1000 properties"),
                Arguments.of("a 64-character name", (Consumer<ObjectNode>) t -> at(t, "/metadata").put("name", "a".repeat(64)),
                        "metadata.name: must be at most 63 characters"),
                Arguments.of("pythonVersion as a number", (Consumer<ObjectNode>) t -> at(t, "/spec").put("pythonVersion", 3),
                        "spec.pythonVersion: must be a string"),
                Arguments.of("a bad quantity", (Consumer<ObjectNode>) t -> at(t, "/spec").putObject("batchSchedulerOptions")
                                .putObject("resources").put("cpu", "lots"),
                        "spec.batchSchedulerOptions.resources.cpu: must match " + quantityPattern()),
                Arguments.of("a volume that is not an object", (Consumer<ObjectNode>) t -> at(t, "/spec").putArray("volumes").add("data"),
                        "spec.volumes[0]: must be an object"),
                Arguments.of("a configMap without path", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").putArray("configMaps")
                                .addObject().put("name", "cm"),
                        "spec.driver.configMaps[0]: required field 'path' is missing"),
                Arguments.of("an unknown secret type", (Consumer<ObjectNode>) t -> at(t, "/spec/driver").putArray("secrets")
                                .addObject().put("name", "s").put("path", "/s").put("secretType", "Opaque"),
                        "spec.driver.secrets[0].secretType: \"Opaque\" is not one of [\"GCPServiceAccount\",\"HadoopDelegationToken\",\"Generic\"]"),
                Arguments.of("an ingress option without URL format", (Consumer<ObjectNode>) t -> at(t, "/spec")
                                .putArray("driverIngressOptions").addObject().put("servicePort", 4040),
                        "spec.driverIngressOptions[0]: required field 'ingressURLFormat' is missing"),
                Arguments.of("an empty ingress URL format", (Consumer<ObjectNode>) t -> at(t, "/spec")
                                .putArray("driverIngressOptions").addObject().put("servicePort", 4040).put("ingressURLFormat", ""),
                        "spec.driverIngressOptions[0].ingressURLFormat: must be at least 1 characters"),
                Arguments.of("33 ingress options", (Consumer<ObjectNode>) t -> {
                            var options = at(t, "/spec").putArray("driverIngressOptions");
                            for (int i = 0; i < 33; i++) {
                                options.addObject().put("servicePort", 4040 + i).put("ingressURLFormat", "u" + i);
                            }
                        },
                        "spec.driverIngressOptions: must have at most 32 items"),
                Arguments.of("a status with only driverInfo", (Consumer<ObjectNode>) t -> t.putObject("status")
                                .putObject("driverInfo").put("podName", "p"),
                        null),
                Arguments.of("an unknown application state", (Consumer<ObjectNode>) t -> {
                            ObjectNode status = t.putObject("status");
                            status.putObject("driverInfo");
                            status.putObject("applicationState").put("state", "DONE");
                        },
                        "status.applicationState.state: \"DONE\" is not one of [\"\",\"SUBMITTED\",\"RUNNING\",\"SUCCEEDING\",\"COMPLETED\",\"FAILING\",\"FAILED\",\"SUBMISSION_FAILED\",\"PENDING_RERUN\",\"INVALIDATING\",\"SUSPENDING\",\"SUSPENDED\",\"RESUMING\",\"UNKNOWN\"]"),
                Arguments.of("an application state without state", (Consumer<ObjectNode>) t -> {
                            ObjectNode status = t.putObject("status");
                            status.putObject("driverInfo");
                            status.putObject("applicationState").put("errorMessage", "x");
                        },
                        "status.applicationState: required field 'state' is missing"),
                Arguments.of("status without driverInfo", (Consumer<ObjectNode>) t -> t.putObject("status")
                                .putObject("applicationState").put("state", "RUNNING"),
                        "status: required field 'driverInfo' is missing"),
                Arguments.of("a bad time", (Consumer<ObjectNode>) t -> t.putObject("status").put("terminationTime", "yesterday")
                                .putObject("driverInfo"),
                        "status.terminationTime: must be an RFC 3339 date-time"),
                Arguments.of("an unknown executor state", (Consumer<ObjectNode>) t -> t.putObject("status")
                                .putObject("executorState").put("spark-pi-exec-1", "GONE"),
                        "status.executorState.spark-pi-exec-1: \"GONE\" is not one of [\"PENDING\",\"RUNNING\",\"COMPLETED\",\"FAILED\",\"UNKNOWN\"]"));
    }

    private static String quantityPattern() {
        return Manifests.rootSchema(Manifests.APP_CRD)
                .at("/properties/spec/properties/batchSchedulerOptions/properties/resources/additionalProperties/pattern")
                .asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEdits")
    void rejectsABadManifest(String what, Consumer<ObjectNode> edit, String expectedError) {
        List<String> errors = appErrorsAfter(edit);
        if (expectedError == null) {
            assertEquals(List.of(), errors, what + " is valid");
        } else {
            assertEquals(true, errors.contains(expectedError), what + ": expected " + expectedError + " in " + errors);
        }
    }

    @Test
    void acceptsWhatTheSchemaAllows() {
        assertEquals(List.of(), appErrorsAfter(t -> {
            ObjectNode spec = at(t, "/spec");
            spec.putArray("volumes").addObject().put("name", "v").putObject("anything").put("goes", true);
            spec.putObject("batchSchedulerOptions").putObject("resources").put("cpu", 2).put("memory", "512Mi");
            spec.putObject("sparkConf").put("spark.ui.port", "4041");
            at(t, "/spec/driver").put("podName", "my-driver.x").putObject("template").putObject("spec").put("x", 1);
            ObjectNode status = t.putObject("status");
            status.putObject("driverInfo");
            status.putNull("terminationTime");
            status.put("lastSubmissionAttemptTime", "2026-11-23T22:00:00Z");
            status.putObject("applicationState").put("state", "");
        }));
    }

    @Test
    void checksTheScheduledKind() {
        String scheduled = """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: ScheduledSparkApplication
                metadata:
                  name: every-minute
                spec:
                  schedule: "* * * * *"
                  concurrencyPolicy: Allow
                  template:
                    type: Python
                    sparkVersion: 4.1.1
                    mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                    driver: {}
                    executor: {}
                """;
        assertEquals(List.of(), errorsAfter(Manifests.SCHEDULED_CRD, scheduled, t -> { }));
        assertEquals(List.of("spec: required field 'schedule' is missing"),
                errorsAfter(Manifests.SCHEDULED_CRD, scheduled, t -> at(t, "/spec").remove("schedule")));
        assertEquals(List.of("spec.concurrencyPolicy: \"Sometimes\" is not one of [\"Allow\",\"Forbid\",\"Replace\"]"),
                errorsAfter(Manifests.SCHEDULED_CRD, scheduled, t -> at(t, "/spec").put("concurrencyPolicy", "Sometimes")));
        assertEquals(List.of("spec.template.executor.instances: must be >= 1"),
                errorsAfter(Manifests.SCHEDULED_CRD, scheduled, t -> at(t, "/spec/template/executor").put("instances", 0)));
    }

    @Test
    void refusesASchemaItDoesNotUnderstand() {
        JsonNode schema = Manifests.tree("{\"type\": \"string\", \"oneOf\": []}");
        assertThrows(IllegalStateException.class,
                () -> StructuralSchemaValidator.validateResource(schema, Manifests.tree("\"x\"")));
    }
}
