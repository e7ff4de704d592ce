package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example is valid against its CRD and survives a trip through the Java model unchanged. */
class ExamplesTest {
    static Stream<Path> examples() {
        return Manifests.examples().stream();
    }

    @Test
    void theDocumentedExamplesExist() {
        List<String> names = Manifests.examples().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("spark-connect-dynamic-allocation.yaml", "spark-connect.yaml", "spark-pi-configmap.yaml",
                "spark-pi-custom-resource.yaml", "spark-pi-dynamic-allocation.yaml", "spark-pi-kueue.yaml",
                "spark-pi-local-dir.yaml", "spark-pi-pdb.yaml", "spark-pi-pod-template.yaml", "spark-pi-prometheus.yaml",
                "spark-pi-python.yaml", "spark-pi-restart-policy-on-failure.yaml", "spark-pi-scheduled.yaml",
                "spark-pi-ttl.yaml", "spark-pi-volcano.yaml", "spark-pi-yunikorn.yaml", "spark-pi.yaml"), names);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void isValidAgainstItsCrd(Path example) {
        JsonNode manifest = Manifests.tree(example);
        assertEquals(manifest.path("kind").asText().equals(ApiGroup.SPARK_CONNECT) ? ApiGroup.API_VERSION_V1ALPHA1
                : ApiGroup.API_VERSION, manifest.path("apiVersion").asText());
        JsonNode crd = Manifests.crdForKind(manifest.path("kind").asText());
        assertEquals(List.of(), StructuralSchemaValidator.validateResource(
                crd.at("/spec/versions/0/schema/openAPIV3Schema"), manifest));
        assertEquals(List.of(), CrdRuleEvaluator.violations(crd, manifest), "CEL rules, evaluated");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void survivesARoundTripThroughTheModel(Path example) {
        String text = Manifests.text(example);
        JsonNode original = Manifests.normalized(Manifests.tree(text));
        Class<?> type = switch (original.path("kind").asText()) {
            case ApiGroup.SPARK_APPLICATION -> SparkApplication.class;
            case ApiGroup.SCHEDULED_SPARK_APPLICATION -> ScheduledSparkApplication.class;
            case ApiGroup.SPARK_CONNECT -> SparkConnect.class;
            default -> throw new AssertionError("unexpected kind in " + example);
        };
        Object model = ApiJson.parse(text, type);
        JsonNode written = Manifests.normalized(Manifests.tree(ApiJson.toJson(model)));
        assertEquals(original, written, () -> "lost or changed in the model:\n" + written.toPrettyString());
    }
}
