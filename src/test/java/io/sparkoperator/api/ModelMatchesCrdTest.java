package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java model and the CRD schemas must agree on every field, type, format and enum value. */
class ModelMatchesCrdTest {
    private static JsonNode appSchema() {
        return Manifests.rootSchema(Manifests.APP_CRD).path("properties");
    }

    private static JsonNode scheduledSchema() {
        return Manifests.rootSchema(Manifests.SCHEDULED_CRD).path("properties");
    }

    @Test
    void sparkApplicationSpecMatches() {
        assertEquals(List.of(), ModelSchemaComparison.compare(SparkApplicationSpec.class, appSchema().path("spec"), "spec"));
    }

    @Test
    void sparkApplicationStatusMatches() {
        assertEquals(List.of(),
                ModelSchemaComparison.compare(SparkApplicationStatus.class, appSchema().path("status"), "status"));
    }

    @Test
    void scheduledSparkApplicationSpecMatches() {
        assertEquals(List.of(), ModelSchemaComparison.compare(ScheduledSparkApplicationSpec.class,
                scheduledSchema().path("spec"), "spec"));
    }

    @Test
    void scheduledSparkApplicationStatusMatches() {
        assertEquals(List.of(), ModelSchemaComparison.compare(ScheduledSparkApplicationStatus.class,
                scheduledSchema().path("status"), "status"));
    }

    @Test
    void sparkConnectSpecAndStatusMatch() {
        JsonNode connect = Manifests.rootSchema(Manifests.CONNECT_CRD).path("properties");
        assertEquals(List.of(), ModelSchemaComparison.compare(SparkConnectSpec.class, connect.path("spec"), "spec"));
        assertEquals(List.of(),
                ModelSchemaComparison.compare(SparkConnectStatus.class, connect.path("status"), "status"));
    }

    // The comparison must be able to fail: each tampered schema below is a realistic drift.

    @Test
    void reportsAFieldMissingFromTheCrd() {
        ObjectNode spec = appSchema().path("spec").deepCopy();
        ((ObjectNode) spec.at("/properties/driver/properties")).remove("podName");
        assertEquals(List.of("spec.driver.podName: the model writes it but the CRD lacks it",
                        "spec.driver.podName: the model reads it but the CRD lacks it"),
                ModelSchemaComparison.compare(SparkApplicationSpec.class, spec, "spec"));
    }

    @Test
    void reportsAFieldTheModelLacks() {
        ObjectNode status = appSchema().path("status").deepCopy();
        ((ObjectNode) status.at("/properties")).putObject("submissionId").put("type", "string");
        List<String> problems = ModelSchemaComparison.compare(SparkApplicationStatus.class, status, "status");
        assertTrue(problems.contains("status.submissionId: the CRD has it but the model cannot read it"), problems::toString);
    }

    @Test
    void reportsAnEnumValueMismatch() {
        ObjectNode spec = appSchema().path("spec").deepCopy();
        ((ArrayNode) spec.at("/properties/restartPolicy/properties/type/enum")).remove(2);
        List<String> problems = ModelSchemaComparison.compare(SparkApplicationSpec.class, spec, "spec");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("spec.restartPolicy.type: enum differs"), problems::toString);
    }

    @Test
    void reportsATypeOrFormatMismatch() {
        ObjectNode spec = appSchema().path("spec").deepCopy();
        ((ObjectNode) spec.at("/properties/timeToLiveSeconds")).put("format", "int32");
        ((ObjectNode) spec.at("/properties/executor/properties/instances")).put("type", "string");
        List<String> problems = ModelSchemaComparison.compare(SparkApplicationSpec.class, spec, "spec");
        assertTrue(problems.contains("spec.timeToLiveSeconds: format int32 in the CRD, int64 in the model"),
                problems::toString);
        assertTrue(problems.contains("spec.executor.instances: type string in the CRD, integer in the model"),
                problems::toString);
    }

    @Test
    void reportsACoreTypeThatIsNotSchemaless() {
        ObjectNode spec = appSchema().path("spec").deepCopy();
        ((ObjectNode) spec.at("/properties/driver/properties/affinity")).remove("x-kubernetes-preserve-unknown-fields");
        assertEquals(List.of("spec.driver.affinity: Affinity must be a schemaless object"),
                ModelSchemaComparison.compare(SparkApplicationSpec.class, spec, "spec"));
    }
}
