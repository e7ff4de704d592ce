package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each overlay promises on top of the base. */
class OverlayPromisesTest {
    @Test
    void baseWatchesAllNamespacesWithOneReplicaAndDriversInDefault() {
        Manifests base = Kustomizations.rendered(Kustomizations.BASE);
        OperatorPod pod = OperatorPod.of(base);
        assertEquals("spark-operator", pod.namespace());
        base.get("Namespace", null, "spark-operator");
        assertEquals(Optional.empty(), pod.flag("namespaces"), "no --namespaces: all namespaces are watched");
        assertEquals(1, pod.deployment().getSpec().getReplicas());
        assertEquals("spark-operator:latest", pod.container().getImage(), "the image placeholder users replace");
        base.get("ClusterRole", null, "spark-operator");
        base.get("ServiceAccount", "default", "spark-operator-spark");
        JsonNode metrics = base.get("Service", "spark-operator", "spark-operator-metrics");
        assertSelectsOperatorPods(pod, metrics.path("spec").path("selector"), "metrics Service");
        assertEquals(8080, metrics.path("spec").path("ports").get(0).path("port").asInt());
        assertEquals(8080, pod.portNamed(metrics.path("spec").path("ports").get(0).path("targetPort").asText()));
    }

    @Test
    void singleNamespaceNeedsNoClusterWideRightsAndWatchesItsOwnNamespace() {
        Manifests single = Kustomizations.rendered(Kustomizations.SINGLE_NAMESPACE);
        OperatorPod pod = OperatorPod.of(single);
        assertEquals(List.of(), single.ofKind("ClusterRole"), "no ClusterRole in single-namespace");
        assertEquals(List.of(), single.ofKind("ClusterRoleBinding"), "no ClusterRoleBinding in single-namespace");
        assertEquals(Optional.of("$(POD_NAMESPACE)"), pod.flag("namespaces"),
                "--namespaces is the operator's own namespace (expanded by Kubernetes from POD_NAMESPACE)");
        assertEquals(RbacManifestTest.OPERATOR,
                Grants.of(single, pod.namespace(), pod.spec().getServiceAccountName()).permissions(),
                "the same rights as the ClusterRole of the base, in one namespace");
        single.get("ServiceAccount", pod.namespace(), "spark-operator-spark");
        assertEquals(1, single.ofKind("ServiceAccount").stream()
                .filter(a -> Manifests.name(a).equals("spark-operator-spark")).count(),
                "the drivers' account moves into the watched namespace");
    }

    @Test
    void highAvailabilityRunsThreeActiveReplicasSharingShardsAndABudget() {
        for (String name : List.of(Kustomizations.HIGH_AVAILABILITY, Kustomizations.HA_WITH_PROMETHEUS)) {
            Manifests ha = Kustomizations.rendered(name);
            OperatorPod pod = OperatorPod.of(ha);
            assertEquals(3, pod.deployment().getSpec().getReplicas(), name + " replicas");
            assertEquals(Optional.of("true"), pod.flag("leader-election"), name + " --leader-election");
            assertEquals(Optional.of("16"), pod.flag("shards"), name + " --shards: active-active");
            assertEquals("/readyz", pod.container().getReadinessProbe().getHttpGet().getPath(),
                    name + ": every replica serves, so readiness is /readyz");
            assertEquals(Optional.of("$(POD_NAMESPACE)"), pod.flag("leader-election-lock-namespace"),
                    name + ": the Lease sits in the operator's namespace, where the Role allows it");
            List<JsonNode> budgets = ha.ofKind("PodDisruptionBudget");
            assertEquals(1, budgets.size(), name + " PodDisruptionBudget");
            PodDisruptionBudget budget = Manifests.as(budgets.getFirst(), PodDisruptionBudget.class);
            assertEquals(pod.namespace(), budget.getMetadata().getNamespace());
            assertEquals(1, budget.getSpec().getMinAvailable().getIntVal(), "one replica survives a drain");
            assertSelectsOperatorPods(pod, budgets.getFirst().path("spec").path("selector").path("matchLabels"),
                    name + " PodDisruptionBudget");
        }
    }

    @Test
    void prometheusScrapesTheMetricsPort() {
        for (String name : List.of(Kustomizations.PROMETHEUS, Kustomizations.HA_WITH_PROMETHEUS)) {
            Manifests prometheus = Kustomizations.rendered(name);
            OperatorPod pod = OperatorPod.of(prometheus);
            JsonNode monitor = prometheus.get("PodMonitor", pod.namespace(), "spark-operator");
            assertSelectsOperatorPods(pod, monitor.path("spec").path("selector").path("matchLabels"),
                    name + " PodMonitor");
            JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
            assertEquals(8080, pod.portNamed(endpoint.path("port").asText()), "PodMonitor port");
            assertEquals("/metrics", endpoint.path("path").asText());
            assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080",
                    "prometheus.io/path", "/metrics"),
                    pod.deployment().getSpec().getTemplate().getMetadata().getAnnotations(), "scrape annotations");
        }
    }

    @Test
    void batchSchedulersEnableTheFlagsAndOnlyThatOverlayGrantsPodGroupsAndBudgets() {
        Manifests batch = Kustomizations.rendered("overlays/batch-schedulers");
        OperatorPod pod = OperatorPod.of(batch);
        assertEquals(Optional.of("true"), pod.flag("enable-batch-scheduler"));
        assertEquals(Optional.of("true"), pod.flag("enable-driver-pdb"));
        Grants grants = Grants.of(batch, pod.namespace(), pod.spec().getServiceAccountName());
        assertTrue(grants.permissions().containsAll(RbacManifestTest.BATCH_SCHEDULER), grants.permissions().toString());
        Manifests base = Kustomizations.rendered(Kustomizations.BASE);
        assertTrue(Grants.of(base, pod.namespace(), pod.spec().getServiceAccountName()).permissions().stream()
                .noneMatch(p -> p.contains("podgroups") || p.contains("poddisruptionbudgets")),
                "without the component nothing of it is granted");
    }

    private static void assertSelectsOperatorPods(OperatorPod pod, JsonNode selector, String what) {
        Map<String, String> podLabels = pod.deployment().getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(selector.size() > 0, what + " has an empty selector");
        selector.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(),
                podLabels.get(label.getKey()), what + " selects pods by " + label.getKey()));
    }
}
