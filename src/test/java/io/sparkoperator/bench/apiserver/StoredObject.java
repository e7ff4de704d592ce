package io.sparkoperator.bench.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * One object as stored: never mutated after it is made, serialized once (lists and watch events reuse the bytes).
 */
record StoredObject(String type, String namespace, String name, long resourceVersion, ObjectNode object,
        byte[] json, Map<String, String> labels) {

    static StoredObject of(String type, ObjectNode object, long resourceVersion) {
        JsonNode metadata = object.path("metadata");
        Map<String, String> labels = new HashMap<>();
        metadata.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        String namespace = metadata.path("namespace").isTextual() ? metadata.path("namespace").asText() : null;
        return new StoredObject(type, namespace, metadata.path("name").asText(), resourceVersion, object,
                JsonText.bytes(object), Map.copyOf(labels));
    }

    /** {@code namespace/name} (or just the name for cluster-scoped objects). */
    String key() {
        return key(namespace, name);
    }

    static String key(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** A deep copy to change and store as a new version. */
    ObjectNode mutableCopy() {
        return object.deepCopy();
    }
}
