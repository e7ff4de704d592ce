package io.sparkoperator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a Java model type with a CRD schema node, both directions, and lists every disagreement: a property
 * the model reads or writes that the schema lacks (a server would prune it), a schema property the model cannot
 * read (lost on the first update), a type, int32/int64 format or enum mismatch. Records of this package are walked
 * by their Jackson property names; Kubernetes types from fabric8's model are the schemaless boundary and must be
 * {@code x-kubernetes-preserve-unknown-fields} objects there.
 */
final class ModelSchemaComparison {
    private static final String FABRIC8_MODEL = "io.fabric8.kubernetes.api.model";

    private final ObjectMapper mapper = ApiJson.mapper();
    private final List<String> problems = new ArrayList<>();

    private ModelSchemaComparison() {
    }

    static List<String> compare(Class<?> model, JsonNode schema, String path) {
        ModelSchemaComparison comparison = new ModelSchemaComparison();
        comparison.compare(path, comparison.mapper.constructType(model), schema);
        return comparison.problems;
    }

    private void compare(String path, JavaType type, JsonNode schema) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            expectType(path, schema, "string", null);
        } else if (raw == Integer.class || raw == int.class) {
            expectType(path, schema, "integer", "int32");
        } else if (raw == Long.class || raw == long.class) {
            expectType(path, schema, "integer", "int64");
        } else if (raw == Boolean.class || raw == boolean.class) {
            expectType(path, schema, "boolean", null);
        } else if (raw == Instant.class) {
            expectType(path, schema, "string", "date-time");
            problemUnless(schema.path("nullable").asBoolean(false), path, "a time must be nullable (Go writes null)");
        } else if (raw.isEnum()) {
            expectType(path, schema, "string", null);
            compareEnum(path, raw, schema);
        } else if (type.isCollectionLikeType()) {
            expectType(path, schema, "array", null);
            compare(path + "[]", type.getContentType(), schema.path("items"));
        } else if (type.isMapLikeType()) {
            expectType(path, schema, "object", null);
            problemUnless(!schema.has("properties"), path, "a map must not declare properties");
            compare(path + "{}", type.getContentType(), schema.path("additionalProperties"));
        } else if (raw == Quantity.class) {
            problemUnless(schema.path("x-kubernetes-int-or-string").asBoolean(false), path,
                    "a Quantity must be x-kubernetes-int-or-string");
        } else if (raw.getPackageName().startsWith(FABRIC8_MODEL)) {
            expectType(path, schema, "object", null);
            problemUnless(schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    && !schema.has("properties"), path, raw.getSimpleName() + " must be a schemaless object");
        } else if (raw.isRecord() && raw.getPackageName().equals(ApiGroup.class.getPackageName())) {
            expectType(path, schema, "object", null);
            compareRecord(path, type, schema);
        } else {
            problems.add(path + ": no rule for Java type " + type);
        }
    }

    private void compareRecord(String path, JavaType type, JsonNode schema) {
        Map<String, JavaType> written = properties(mapper.getSerializationConfig().introspect(type).findProperties(),
                true);
        Map<String, JavaType> read = properties(mapper.getDeserializationConfig().introspect(type).findProperties(),
                false);
        TreeSet<String> declared = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        for (String name : written.keySet()) {
            problemUnless(declared.contains(name), path + "." + name, "the model writes it but the CRD lacks it");
        }
        for (String name : read.keySet()) {
            problemUnless(declared.contains(name), path + "." + name, "the model reads it but the CRD lacks it");
        }
        for (String name : declared) {
            problemUnless(read.containsKey(name), path + "." + name, "the CRD has it but the model cannot read it");
            problemUnless(written.containsKey(name), path + "." + name, "the CRD has it but the model never writes it");
        }
        for (Map.Entry<String, JavaType> property : read.entrySet()) {
            if (declared.contains(property.getKey())) {
                compare(path + "." + property.getKey(), property.getValue(), schema.path("properties").path(property.getKey()));
            }
        }
    }

    private static Map<String, JavaType> properties(List<BeanPropertyDefinition> definitions, boolean writing) {
        Map<String, JavaType> byName = new TreeMap<>();
        for (BeanPropertyDefinition definition : definitions) {
            if (writing ? definition.couldSerialize() : definition.couldDeserialize()) {
                byName.put(definition.getName(), definition.getPrimaryType());
            }
        }
        return byName;
    }

    private void compareEnum(String path, Class<?> enumType, JsonNode schema) {
        TreeSet<String> javaValues = new TreeSet<>();
        for (Object constant : enumType.getEnumConstants()) {
            try {
                javaValues.add(mapper.readTree(mapper.writeValueAsString(constant)).asText());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        TreeSet<String> crdValues = new TreeSet<>();
        for (Iterator<JsonNode> values = schema.path("enum").elements(); values.hasNext(); ) {
            crdValues.add(values.next().asText());
        }
        problemUnless(javaValues.equals(crdValues), path,
                "enum differs: Java " + javaValues + " vs CRD " + crdValues);
    }

    private void expectType(String path, JsonNode schema, String type, String format) {
        if (schema.isMissingNode()) {
            problems.add(path + ": the CRD has no schema here");
            return;
        }
        problemUnless(type.equals(schema.path("type").asText()), path,
                "type " + schema.path("type").asText("<none>") + " in the CRD, " + type + " in the model");
        if (format != null) {
            problemUnless(format.equals(schema.path("format").asText()), path,
                    "format " + schema.path("format").asText("<none>") + " in the CRD, " + format + " in the model");
        }
    }

    private void problemUnless(boolean ok, String path, String problem) {
        if (!ok) {
            problems.add(path + ": " + problem);
        }
    }
}
