package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Reads the project's CRDs and examples as JSON trees, the way the operator's own serialization reads YAML. */
final class Manifests {
    static final String APP_CRD = "crds/sparkoperator.k8s.io_sparkapplications.yaml";
    static final String SCHEDULED_CRD = "crds/sparkoperator.k8s.io_scheduledsparkapplications.yaml";
    static final String CONNECT_CRD = "crds/sparkoperator.k8s.io_sparkconnects.yaml";

    private static final Map<String, JsonNode> CRDS = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("project.basedir", System.getProperty("user.dir")));
    }

    static Path file(String relative) {
        return projectDir().resolve(relative);
    }

    static String text(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String yamlOrJson) {
        return ApiJson.serialization().unmarshal(yamlOrJson, JsonNode.class);
    }

    static JsonNode tree(Path path) {
        return tree(text(path));
    }

    /** A CRD as a tree, parsed once; callers that change it must change a deep copy. */
    static JsonNode crd(String relative) {
        return CRDS.computeIfAbsent(relative, r -> tree(file(r)));
    }

    /** The openAPIV3Schema of the CRD's only version. */
    static JsonNode rootSchema(String crdFile) {
        return crd(crdFile).at("/spec/versions/0/schema/openAPIV3Schema");
    }

    static JsonNode crdForKind(String kind) {
        return switch (kind) {
            case ApiGroup.SPARK_APPLICATION -> crd(APP_CRD);
            case ApiGroup.SCHEDULED_SPARK_APPLICATION -> crd(SCHEDULED_CRD);
            case ApiGroup.SPARK_CONNECT -> crd(CONNECT_CRD);
            default -> throw new IllegalArgumentException("no CRD for kind " + kind);
        };
    }

    static List<Path> examples() {
        try (Stream<Path> files = Files.list(file("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy with numbers re-read from text, so that 1 as int and 1 as long compare equal. */
    static JsonNode normalized(JsonNode node) {
        try {
            return ApiJson.mapper().readTree(ApiJson.mapper().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
