package io.sparkoperator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplicationSpec;
import java.util.List;
import java.util.Objects;

/**
 * Whether a spec edit means "rerun": any difference except {@code suspend} (handled by suspend/resume) and
 * {@code timeToLiveSeconds} (only affects cleanup). Compared as JSON trees, so Kubernetes model types inside the
 * spec compare by content.
 */
public final class SpecChanges {
    private static final List<String> IGNORED = List.of("suspend", "timeToLiveSeconds");

    private SpecChanges() {
    }

    /** True when {@code previous} and {@code current} differ in a field that forces INVALIDATING. */
    public static boolean differ(SparkApplicationSpec previous, SparkApplicationSpec current) {
        return !Objects.equals(comparable(previous), comparable(current));
    }

    private static JsonNode comparable(SparkApplicationSpec spec) {
        if (spec == null) {
            return null;
        }
        JsonNode tree = ApiJson.serialization().convertValue(spec, JsonNode.class);
        if (tree instanceof ObjectNode object) {
            object.remove(IGNORED);
        }
        return tree;
    }
}
