package io.sparkoperator.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The one place that says how API objects become JSON/YAML and back: fabric8's serialization (so Kubernetes core
 * types read and write as in any fabric8 client) with unknown fields ignored. Use it instead of new mappers.
 */
public final class ApiJson {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ApiJson() {
    }

    public static KubernetesSerialization serialization() {
        return SERIALIZATION;
    }

    /** A plain JSON mapper for records that are not Kubernetes resources, tolerant of unknown fields. */
    public static ObjectMapper mapper() {
        return MapperHolder.MAPPER;
    }

    /** Reads a YAML or JSON document into {@code type}. */
    public static <T> T parse(String yamlOrJson, Class<T> type) {
        return SERIALIZATION.unmarshal(yamlOrJson, type);
    }

    public static String toYaml(Object value) {
        return SERIALIZATION.asYaml(value);
    }

    public static String toJson(Object value) {
        return SERIALIZATION.asJson(value);
    }

    private static final class MapperHolder {
        private static final ObjectMapper MAPPER = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
