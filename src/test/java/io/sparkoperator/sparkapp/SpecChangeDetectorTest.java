package io.sparkoperator.sparkapp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkoperator.api.ApiJson;
import org.junit.jupiter.api.Test;

class SpecChangeDetectorTest {
    private static GenericKubernetesResource app(Long generation, String specJson) {
        String generationField = generation == null ? "" : ", \"generation\": " + generation;
        return ApiJson.parse("""
                {"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication",
                 "metadata": {"name": "pi", "namespace": "default"%s},
                 "spec": %s}""".formatted(generationField, specJson), GenericKubernetesResource.class);
    }

    private static final String SPEC = """
            {"type": "Scala", "mode": "cluster", "image": "spark:4.1.1", "mainClass": "Pi",
             "mainApplicationFile": "local:///pi.jar", "sparkVersion": "4.1.1",
             "driver": {"cores": 1}, "executor": {"instances": 1}}""";

    @Test
    void aNewGenerationWithAnotherImageForcesARerun() {
        assertTrue(SpecChangeDetector.changed(app(1L, SPEC), app(2L, SPEC.replace("spark:4.1.1", "spark:4.1.2"))));
    }

    @Test
    void aNewGenerationThatOnlySuspendsOrSetsTheTimeToLiveDoesNot() {
        String suspended = SPEC.replace("\"type\"", "\"suspend\": true, \"timeToLiveSeconds\": 60, \"type\"");
        assertFalse(SpecChangeDetector.changed(app(1L, SPEC), app(2L, suspended)));
    }

    @Test
    void theSameGenerationIsAStatusOrMetadataWriteAndChangesNothing() {
        // A real API server never changes spec without a new generation; the check is what spares the conversions.
        assertFalse(SpecChangeDetector.changed(app(3L, SPEC), app(3L, SPEC.replace("\"cores\": 1", "\"cores\": 2"))));
    }

    @Test
    void withoutGenerationsTheSpecsAreCompared() {
        assertTrue(SpecChangeDetector.changed(app(null, SPEC), app(null, SPEC.replace("\"cores\": 1", "\"cores\": 2"))));
        assertFalse(SpecChangeDetector.changed(app(null, SPEC), app(null, SPEC)));
    }

    @Test
    void fixingAnUnreadableSpecCounts() {
        String broken = SPEC.replace("\"driver\": {\"cores\": 1}", "\"driver\": \"x\"");
        assertTrue(SpecChangeDetector.changed(app(1L, broken), app(2L, SPEC)));
    }
}
