package io.sparkoperator.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A manifest as the user wrote it (a JSON tree, so wrong types survive), starting from one of the examples. */
final class Manifest {
    static final String SPARK_PI = "examples/spark-pi.yaml";
    static final String SPARK_PI_SCHEDULED = "examples/spark-pi-scheduled.yaml";

    private Manifest() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("project.basedir", "."));
    }

    static ObjectNode example(String relative) {
        try {
            String yaml = Files.readString(projectDir().resolve(relative));
            return (ObjectNode) ApiJson.serialization().unmarshal(yaml, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object at a JSON pointer such as {@code /spec/driver}, created on the way when missing. */
    static ObjectNode object(ObjectNode root, String pointer) {
        ObjectNode node = root;
        for (String part : pointer.substring(1).split("/")) {
            JsonNode child = node.get(part);
            node = child instanceof ObjectNode o ? o : node.putObject(part);
        }
        return node;
    }

    static ArrayNode strings(ObjectNode owner, String field, String... values) {
        ArrayNode array = owner.putArray(field);
        for (String v : values) {
            array.add(v);
        }
        return array;
    }
}
