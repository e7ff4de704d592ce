package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The objects one kustomization renders to, with the look-ups the deploy tests need. */
record Manifests(String source, List<JsonNode> objects) {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    static Manifests render(Path kustomization) {
        return parse(kustomization.toString(), Kubectl.kustomize(kustomization));
    }

    static Manifests parse(String source, String yamlStream) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yamlStream)) {
            List<JsonNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                if (object != null && !object.isNull() && !object.isMissingNode()) {
                    objects.add(object);
                }
            }
            return new Manifests(source, List.copyOf(objects));
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + source + " printed YAML that does not parse", e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String namespace, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(name(o)) && Objects.equals(namespace, namespace(o)))
                .findFirst();
    }

    JsonNode get(String kind, String namespace, String name) {
        return find(kind, namespace, name).orElseGet(() -> fail(source + " renders no " + kind + " "
                + (namespace == null ? "" : namespace + "/") + name + "; it renders " + summary()));
    }

    /** The operator's Deployment; every kustomization renders exactly one. */
    Deployment operatorDeployment() {
        List<JsonNode> deployments = ofKind("Deployment");
        assertEquals(1, deployments.size(), source + " should render exactly one Deployment: " + summary());
        return as(deployments.getFirst(), Deployment.class);
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The namespace, or null for cluster-scoped objects (and namespaced ones left without one). */
    static String namespace(JsonNode object) {
        JsonNode namespace = object.path("metadata").path("namespace");
        return namespace.isTextual() ? namespace.asText() : null;
    }

    static <T> T as(JsonNode object, Class<T> type) {
        return KUBE.convertValue(object, type);
    }

    static List<PolicyRule> rules(JsonNode role) {
        List<PolicyRule> rules = new ArrayList<>();
        role.path("rules").forEach(rule -> rules.add(as(rule, PolicyRule.class)));
        return rules;
    }

    /** Bytes of the object as compact JSON: what client-side apply stores in last-applied-configuration. */
    static int jsonSize(JsonNode object) {
        try {
            return JSON.writeValueAsBytes(object).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String summary() {
        return objects.stream()
                .map(o -> o.path("kind").asText() + " " + (namespace(o) == null ? "" : namespace(o) + "/") + name(o))
                .toList()
                .toString();
    }
}
