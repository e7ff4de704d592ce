package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.DeployMode;
import io.sparkoperator.api.SparkApplication;
import org.junit.jupiter.api.Test;

class EffectiveSpecTest {
    static EffectiveSpec of(String spec) {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: a, namespace: n}
                spec:
                """ + spec.indent(2));
        return new EffectiveSpec(app.getSpec());
    }

    @Test
    void goDefaultsForABareSpec() {
        EffectiveSpec e = of("driver: {}\nexecutor: {}\n");
        assertEquals(DeployMode.CLUSTER, e.mode());
        assertEquals(1, e.driverCores());
        assertEquals("1g", e.driverMemory());
        assertEquals(1, e.executorCores());
        assertEquals("1g", e.executorMemory());
        assertEquals(1, e.executorInstances());
        assertFalse(e.dynamicAllocationEnabled());
    }

    @Test
    void sparkConfValuesSuppressTheDefaults() {
        EffectiveSpec e = of("""
                sparkConf: {spark.driver.cores: "2", spark.driver.memory: 2g, spark.executor.instances: "4"}
                driver: {}
                executor: {}
                """);
        assertNull(e.driverCores());
        assertNull(e.driverMemory());
        assertNull(e.executorInstances());
    }

    @Test
    void dynamicAllocationFromTheBlockOrEitherSparkConfSpelling() {
        EffectiveSpec block = of("dynamicAllocation: {enabled: true, shuffleTrackingEnabled: false}\nexecutor: {}\n");
        assertTrue(block.dynamicAllocationEnabled());
        assertFalse(block.shuffleTrackingEnabled());
        assertNull(block.executorInstances());
        assertTrue(of("sparkConf: {spark.dynamicallocation.enabled: \"true\"}\n").dynamicAllocationEnabled(),
                "the Go defaulter's lowercase key");
        assertTrue(of("sparkConf: {spark.dynamicAllocation.enabled: \"true\"}\n").shuffleTrackingEnabled());
        assertFalse(of("dynamicAllocation: {enabled: false}\nsparkConf: {spark.dynamicAllocation.enabled: \"true\"}\n")
                .dynamicAllocationEnabled(), "the block wins over sparkConf");
    }

    @Test
    void readingDefaultsNeverChangesTheSpec() {
        SparkApplication app = TestApps.sparkPi();
        String before = ApiJson.toJson(app);
        EffectiveSpec e = new EffectiveSpec(app.getSpec());
        e.driverCores();
        e.executorInstances();
        SubmitArguments.build(app, "X", "k8s://x", SubmitArgumentsTest.TEMPLATES, ArgumentOptions.defaults());
        PodTemplateRenderer.render(app);
        assertEquals(before, ApiJson.toJson(app));
    }
}
