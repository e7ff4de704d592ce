package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No field of the objects kustomize/ owns is unknown to Kubernetes: kubectl apply validates fields strictly and the
 * API server refuses a misspelt one (e.g. {@code readOnlyRootFileSystem}), while kustomize renders it happily.
 * Without a server, fabric8's model stands in for the schema: it keeps fields it does not know in
 * {@code additionalProperties}, which must stay empty everywhere. (CRDs are foundation's and checked there; the
 * PodMonitor has no model here; the PrometheusRule's fields are checked by {@link AlertRulesTest}.)
 */
class StrictFieldsTest {
    private static final Map<String, Class<? extends KubernetesResource>> MODELS = Map.ofEntries(
            Map.entry("Namespace", Namespace.class), Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("Service", Service.class), Map.entry("Deployment", Deployment.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("Role", Role.class), Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("ClusterRole", ClusterRole.class), Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
            Map.entry("ValidatingAdmissionPolicy", ValidatingAdmissionPolicy.class),
            Map.entry("ValidatingAdmissionPolicyBinding", ValidatingAdmissionPolicyBinding.class),
            Map.entry("ConfigMap", ConfigMap.class));

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void everyFieldIsOneKubernetesKnows(String kustomization) throws ReflectiveOperationException {
        List<String> unknown = new ArrayList<>();
        for (JsonNode object : Kustomizations.rendered(kustomization).objects()) {
            Class<? extends KubernetesResource> model = MODELS.get(object.path("kind").asText());
            if (model != null) {
                collectUnknown(Manifests.as(object, model),
                        object.path("kind").asText() + " " + Manifests.name(object), unknown);
            }
        }
        assertEquals(List.of(), unknown, kustomization + ": fields Kubernetes does not know");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void everyKindIsCheckedHereOrElsewhere(String kustomization) {
        List<String> unchecked = Kustomizations.rendered(kustomization).objects().stream()
                .map(o -> o.path("kind").asText())
                .filter(kind -> !MODELS.containsKey(kind))
                .filter(kind -> !List.of("CustomResourceDefinition", "PodMonitor", "PrometheusRule").contains(kind))
                .distinct().toList();
        assertEquals(List.of(), unchecked, "kinds without a model in StrictFieldsTest: add them to MODELS");
    }

    /** Walks fabric8 model objects through their getters, collecting non-empty additionalProperties. */
    private static void collectUnknown(Object value, String path, List<String> unknown)
            throws ReflectiveOperationException {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                collectUnknown(entry.getValue(), path + "." + entry.getKey(), unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            collectUnknown(field, path + "." + decapitalize(getter.getName().substring(3)), unknown);
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
