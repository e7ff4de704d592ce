package io.sparkoperator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a service account may do, resolved the way the API server's RBAC authorizer does: every RoleBinding and
 * ClusterRoleBinding naming the account, and the rules of the Role or ClusterRole each refers to.
 */
record Grants(List<Grant> grants) {
    /** One permitted verb on one resource; {@code namespace} null means cluster-wide. */
    record Grant(String namespace, String roleKind, String apiGroup, String resource, String verb,
            List<String> resourceNames) {
        /** "group/resource verb", the core group written as "core". */
        String permission() {
            return (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + " " + verb;
        }
    }

    static Grants of(Manifests manifests, String namespace, String serviceAccount) {
        List<Grant> grants = new ArrayList<>();
        for (String bindingKind : List.of("RoleBinding", "ClusterRoleBinding")) {
            for (JsonNode binding : manifests.ofKind(bindingKind)) {
                if (!names(binding, namespace, serviceAccount)) {
                    continue;
                }
                String bindingNamespace = bindingKind.equals("RoleBinding") ? Manifests.namespace(binding) : null;
                String roleKind = binding.path("roleRef").path("kind").asText();
                String roleName = binding.path("roleRef").path("name").asText();
                JsonNode role = manifests.get(roleKind,
                        roleKind.equals("Role") ? Manifests.namespace(binding) : null, roleName);
                for (var rule : Manifests.rules(role)) {
                    for (String group : rule.getApiGroups()) {
                        for (String resource : rule.getResources()) {
                            for (String verb : rule.getVerbs()) {
                                grants.add(new Grant(bindingNamespace, roleKind, group, resource, verb,
                                        List.copyOf(rule.getResourceNames())));
                            }
                        }
                    }
                }
            }
        }
        return new Grants(List.copyOf(grants));
    }

    private static boolean names(JsonNode binding, String namespace, String serviceAccount) {
        for (JsonNode subject : binding.path("subjects")) {
            if ("ServiceAccount".equals(subject.path("kind").asText())
                    && serviceAccount.equals(subject.path("name").asText())
                    && Objects.equals(namespace, subject.path("namespace").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** The sorted "group/resource verb" set, wherever granted. */
    Set<String> permissions() {
        return grants.stream().map(Grant::permission).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Namespaces the account holds rights in; null stands for "cluster-wide". */
    Set<String> scopes() {
        return grants.stream().map(g -> Objects.requireNonNullElse(g.namespace(), "<cluster-wide>"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
