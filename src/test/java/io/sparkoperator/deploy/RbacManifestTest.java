package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RBAC in every kustomization: nothing broad (wildcards, secrets, escalation), and exactly the reviewed rights for
 * the operator and for Spark drivers, so widening either is a deliberate change to this test.
 */
class RbacManifestTest {
    /** What the operator and the spark-submit it runs call (see the comments in kustomize/base/operator). */
    static final Set<String> OPERATOR = new TreeSet<>(List.of(
            "sparkoperator.k8s.io/sparkapplications get", "sparkoperator.k8s.io/sparkapplications list",
            "sparkoperator.k8s.io/sparkapplications watch", "sparkoperator.k8s.io/sparkapplications create",
            "sparkoperator.k8s.io/sparkapplications delete",
            // the shard labels (--shards above 1): a merge patch of metadata.labels only
            "sparkoperator.k8s.io/sparkapplications patch",
            "sparkoperator.k8s.io/scheduledsparkapplications get",
            "sparkoperator.k8s.io/scheduledsparkapplications list",
            "sparkoperator.k8s.io/scheduledsparkapplications watch",
            "sparkoperator.k8s.io/sparkconnects list", "sparkoperator.k8s.io/sparkconnects watch",
            "sparkoperator.k8s.io/sparkconnects/status update",
            "sparkoperator.k8s.io/sparkconnects/finalizers update",
            "sparkoperator.k8s.io/sparkapplications/status update",
            "sparkoperator.k8s.io/scheduledsparkapplications/status patch",
            "sparkoperator.k8s.io/sparkapplications/finalizers update",
            "sparkoperator.k8s.io/scheduledsparkapplications/finalizers update",
            "core/pods get", "core/pods list", "core/pods watch", "core/pods create", "core/pods delete",
            "core/services get", "core/services create", "core/services update", "core/services patch",
            "core/services delete",
            "core/configmaps get", "core/configmaps create", "core/configmaps update", "core/configmaps patch",
            "core/configmaps delete",
            "networking.k8s.io/ingresses get", "networking.k8s.io/ingresses create",
            "networking.k8s.io/ingresses update", "networking.k8s.io/ingresses delete",
            "core/events create", "core/events patch",
            "coordination.k8s.io/leases get", "coordination.k8s.io/leases create",
            "coordination.k8s.io/leases patch"));

    /** What --enable-batch-scheduler adds (BatchScheduling: PodGroups of Volcano and scheduler-plugins). */
    static final Set<String> BATCH_SCHEDULER = new TreeSet<>(List.of(
            "scheduling.volcano.sh/podgroups get", "scheduling.volcano.sh/podgroups create",
            "scheduling.volcano.sh/podgroups update", "scheduling.volcano.sh/podgroups delete",
            "scheduling.x-k8s.io/podgroups get", "scheduling.x-k8s.io/podgroups create",
            "scheduling.x-k8s.io/podgroups update", "scheduling.x-k8s.io/podgroups delete"));

    /** What --enable-driver-pdb adds (BatchScheduling: the driver PodDisruptionBudget). */
    static final Set<String> DRIVER_PDB = new TreeSet<>(List.of(
            "policy/poddisruptionbudgets create", "policy/poddisruptionbudgets delete"));

    /**
     * Active-active ({@code --shards} above 1, the high-availability component): shard and member Leases are
     * listed, created, read, updated with their resourceVersion and deleted, by name only as far as RBAC allows
     * (list cannot be limited to names, member Leases are named per pod); the leader Lease's patch is not used.
     */
    static final Set<String> SHARDED_OPERATOR = sharded();

    private static Set<String> sharded() {
        Set<String> rights = new TreeSet<>(OPERATOR);
        rights.remove("coordination.k8s.io/leases patch");
        rights.addAll(List.of("coordination.k8s.io/leases list", "coordination.k8s.io/leases update",
                "coordination.k8s.io/leases delete"));
        return rights;
    }

    static boolean sharded(OperatorPod pod) {
        return Integer.parseInt(pod.flag("shards").orElse("1")) > 1;
    }

    /** What a Spark driver does with its executors in its own namespace. */
    static final Set<String> SPARK_DRIVER = driverRights();

    private static final Set<String> DANGEROUS_VERBS = Set.of("*", "escalate", "bind", "impersonate");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void noRoleGrantsWildcardsSecretsOrEscalation(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        List<String> problems = new ArrayList<>();
        for (String kind : List.of("Role", "ClusterRole")) {
            for (JsonNode role : manifests.ofKind(kind)) {
                String where = kind + " " + Manifests.name(role);
                assertFalse(role.has("aggregationRule"), where + " aggregates other roles");
                for (var rule : Manifests.rules(role)) {
                    if (rule.getApiGroups().contains("*")) {
                        problems.add(where + ": apiGroups *");
                    }
                    rule.getResources().stream().filter(r -> r.equals("*") || r.startsWith("*/") || r.endsWith("/*"))
                            .forEach(r -> problems.add(where + ": resource " + r));
                    rule.getResources().stream().filter(r -> r.equals("secrets") || r.startsWith("secrets/"))
                            .forEach(r -> problems.add(where + ": " + r));
                    rule.getVerbs().stream().filter(DANGEROUS_VERBS::contains)
                            .forEach(v -> problems.add(where + ": verb " + v));
                    if (!rule.getNonResourceURLs().isEmpty()) {
                        problems.add(where + ": nonResourceURLs " + rule.getNonResourceURLs());
                    }
                }
            }
        }
        assertEquals(List.of(), problems, kustomization);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void theOperatorHoldsExactlyTheReviewedRights(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        OperatorPod pod = OperatorPod.of(manifests);
        Grants grants = Grants.of(manifests, pod.namespace(), pod.spec().getServiceAccountName());
        assertEquals(reviewed(pod), grants.permissions(), kustomization + ": operator rights (left: reviewed set)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void theOperatorHoldsRightsOnlyWhereItWatches(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        OperatorPod pod = OperatorPod.of(manifests);
        Grants grants = Grants.of(manifests, pod.namespace(), pod.spec().getServiceAccountName());
        String lockName = pod.flag("leader-election-lock-name").orElse("spark-operator-lock");
        for (var grant : grants.grants()) {
            if (grant.resource().equals("leases")) {
                assertEquals(pod.namespace(), grant.namespace(), "the Lease lives in the operator's namespace only");
                if (!grant.verb().equals("create") && !sharded(pod)) {
                    assertEquals(List.of(lockName), grant.resourceNames(),
                            "lease " + grant.verb() + " limited to the lock the operator uses");
                }
            }
        }
        Set<String> watched = pod.flag("namespaces").map(n -> resolve(n, pod)).orElse(Set.of());
        Set<String> expectedScopes = new TreeSet<>(watched.isEmpty() ? Set.of("<cluster-wide>") : watched);
        expectedScopes.add(pod.namespace());
        assertEquals(expectedScopes, grants.scopes(), kustomization + ": where the operator holds rights"
                + (watched.isEmpty() ? " (watching all namespaces)" : " (watching " + watched + ")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void sparkDriversCanManageTheirExecutorsInTheirNamespace(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        List<JsonNode> accounts = manifests.ofKind("ServiceAccount").stream()
                .filter(a -> Manifests.name(a).equals("spark-operator-spark")).toList();
        assertFalse(accounts.isEmpty(), "no spark-operator-spark ServiceAccount (the examples' driver account)");
        for (JsonNode account : accounts) {
            Grants grants = Grants.of(manifests, Manifests.namespace(account), "spark-operator-spark");
            assertEquals(SPARK_DRIVER, grants.permissions(), "spark driver rights");
            assertEquals(Set.of(Manifests.namespace(account)), grants.scopes(),
                    "a driver's rights stay in its own namespace");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void everyBindingRefersToARoleAndServiceAccountThatExist(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
            for (JsonNode binding : manifests.ofKind(kind)) {
                String roleKind = binding.path("roleRef").path("kind").asText();
                assertTrue(kind.equals("RoleBinding") || roleKind.equals("ClusterRole"),
                        "a ClusterRoleBinding cannot refer to a Role: " + Manifests.name(binding));
                manifests.get(roleKind, roleKind.equals("Role") ? Manifests.namespace(binding) : null,
                        binding.path("roleRef").path("name").asText());
                for (JsonNode subject : binding.path("subjects")) {
                    assertEquals("ServiceAccount", subject.path("kind").asText(), "only service accounts are bound");
                    manifests.get("ServiceAccount", subject.path("namespace").asText(null),
                            subject.path("name").asText());
                }
            }
        }
    }

    /** The reviewed rights for the flags the operator runs with: batch scheduling and the PDB need more. */
    static Set<String> reviewed(OperatorPod pod) {
        Set<String> rights = new TreeSet<>(sharded(pod) ? SHARDED_OPERATOR : OPERATOR);
        if (pod.flag("enable-batch-scheduler").filter("true"::equals).isPresent()) {
            rights.addAll(BATCH_SCHEDULER);
        }
        if (pod.flag("enable-driver-pdb").filter("true"::equals).isPresent()) {
            rights.addAll(DRIVER_PDB);
        }
        return rights;
    }

    private static Set<String> resolve(String namespaces, OperatorPod pod) {
        Set<String> resolved = new TreeSet<>();
        for (String namespace : namespaces.split(",")) {
            resolved.add(namespace.strip().equals("$(POD_NAMESPACE)") ? pod.namespace() : namespace.strip());
        }
        return resolved;
    }

    private static Set<String> driverRights() {
        Set<String> rights = new TreeSet<>();
        for (String resource : List.of("pods", "services", "configmaps", "persistentvolumeclaims")) {
            for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete",
                    "deletecollection")) {
                rights.add("core/" + resource + " " + verb);
            }
        }
        return rights;
    }
}
