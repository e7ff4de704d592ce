package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.ui.IngressOptions;
import io.sparkoperator.ui.UiServiceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's RBAC in kustomize/ holds exactly what the code uses: every API call the operator made during a
 * lifecycle that exercises its features (leader election, submission, UI Service and Ingress, Events, a failed
 * validation, time to live, a scheduled run, a SparkConnect started and deleted) is allowed by the rules bound to its service account, and every rule
 * is either used by such a call or listed below with the reason it cannot show on the mock.
 */
class RbacTest {
    static final Path CLUSTER_ROLE = Path.of("kustomize/base/operator/clusterrole.yaml");
    static final Path LEADER_ROLE = Path.of("kustomize/base/operator/leader-election-role.yaml");
    static final String NS = "default";

    /**
     * Granted for calls made by the spark-submit child (its own client, not recorded here; measured against a real
     * API server) or needed by admission, never called by the operator's code.
     */
    static final Map<String, String> NOT_SEEN_ON_THE_MOCK = Map.of(
            "core services patch", "spark-submit creates the driver's headless Service by server-side apply",
            "core configmaps patch", "spark-submit creates the driver's ConfigMap by server-side apply",
            "core services create", "spark-submit's server-side apply of an absent Service needs create",
            "core configmaps create", "spark-submit's apply, and the operator's Prometheus ConfigMap",
            "sparkoperator.k8s.io sparkapplications/finalizers update",
            "OwnerReferencesPermissionEnforcement: ownerReferences with blockOwnerDeletion",
            "sparkoperator.k8s.io scheduledsparkapplications/finalizers update",
            "OwnerReferencesPermissionEnforcement: ownerReferences with blockOwnerDeletion",
            "sparkoperator.k8s.io sparkconnects/finalizers update",
            "OwnerReferencesPermissionEnforcement: ownerReferences with blockOwnerDeletion");

    /** Calls the code makes on paths this lifecycle does not take, with where. */
    static final Map<String, String> ON_PATHS_NOT_TAKEN_HERE = Map.ofEntries(
            Map.entry("sparkoperator.k8s.io sparkapplications patch",
                    "ShardLabeller: an app's shard labels with --shards above 1 (ShardLabellerRbacTest)"),
            Map.entry("core configmaps get", "SparkApplicationReconciler.applyConfigMap (monitoring.prometheus)"),
            Map.entry("core configmaps update", "SparkApplicationReconciler.applyConfigMap (monitoring.prometheus)"),
            Map.entry("core configmaps delete", "deleteSubmissionResources (Prometheus ConfigMap)"),
            Map.entry("core pods delete", "deleteSubmissionResources (stale driver, suspend, rerun, app deletion)"),
            Map.entry("core events patch", "EventRecorder: a repeated Event is counted up"),
            Map.entry("core services update", "UiResourceApplier: a changed UI Service"),
            Map.entry("networking.k8s.io ingresses update", "UiResourceApplier: a changed UI Ingress"),
            Map.entry("sparkoperator.k8s.io sparkapplications get", "StatusWriter: re-read after a 409 conflict"));

    @TempDir
    Path dir;

    @Test
    void theRulesHoldExactlyTheCallsTheOperatorMakes() throws Exception {
        Path project = Manifest.projectDir();
        assertTrue(Files.exists(project.resolve(CLUSTER_ROLE)), "the ClusterRole at " + CLUSTER_ROLE);
        Set<String> granted = granted(project.resolve(CLUSTER_ROLE), project.resolve(LEADER_ROLE));
        Set<String> used = recordLifecycle();

        Set<String> notGranted = new TreeSet<>(used);
        notGranted.removeAll(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(used);
        unused.removeAll(NOT_SEEN_ON_THE_MOCK.keySet());
        unused.removeAll(ON_PATHS_NOT_TAKEN_HERE.keySet());
        assertEquals(Map.of("refused by RBAC", Set.of(), "granted but unused", Set.of()),
                Map.of("refused by RBAC", notGranted, "granted but unused", unused), "used: " + used);
    }

    /** Runs the features against a recording mock; the operator's calls as "group resource verb". */
    private Set<String> recordLifecycle() throws Exception {
        try (FaultyApiServer api = new FaultyApiServer()) {
            KubernetesClient client = api.newTestClient();
            Cluster cluster = new Cluster(client);
            LeaderElectionOptions defaults = LeaderElectionOptions.defaults();
            LeaderElectionOptions election = new LeaderElectionOptions(true, defaults.lockName(), NS,
                    defaults.leaseDuration(), defaults.renewDeadline(), defaults.retryPeriod());
            UiServiceOptions ui = new UiServiceOptions(true, true,
                    new IngressOptions("{{$appName}}.spark.example.com", "", Map.of(), List.of()));
            HardenedOperator operator = new HardenedOperator(api.newClient(), dir,
                    HardenedOperator.Settings.defaults().identity("operator", election).ui(ui)).start();
            try (Kubelet kubelet = new Kubelet(client).autoComplete()) {
                ObjectNode ttl = Manifest.example(Manifest.SPARK_PI);
                Manifest.object(ttl, "/metadata").put("name", "short-lived");
                Manifest.object(ttl, "/spec").put("timeToLiveSeconds", 1);
                cluster.create(ttl);
                ObjectNode invalid = Manifest.example(Manifest.SPARK_PI);
                Manifest.object(invalid, "/metadata").put("name", "invalid");
                Manifest.object(invalid, "/spec/sparkConf").put("spark.kubernetes.namespace", "kube-system");
                cluster.create(invalid);
                ObjectNode scheduled = Manifest.example(Manifest.SPARK_PI_SCHEDULED);
                Manifest.object(scheduled, "/spec").put("schedule", "@every 2s");
                client.genericKubernetesResources(ScheduledBadInputTest.SCHEDULED).inNamespace(NS)
                        .resource(ApiJson.serialization().convertValue(scheduled,
                                io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();

                // A SparkConnect, started (server pod, Service, ConfigMap, status, Events) and deleted (clean-up).
                var connects = client.resources(SparkConnect.class).inNamespace(NS);
                connects.resource(ApiJson.parse(Files.readString(Manifest.projectDir().resolve("examples/spark-connect.yaml")),
                        SparkConnect.class)).create();
                Await.until(() -> client.services().inNamespace(NS).withName("spark-connect-server").get() != null
                        && connects.withName("spark-connect").get().getStatus() != null, () -> "SparkConnect started");
                connects.withName("spark-connect").delete();
                Await.until(() -> client.pods().inNamespace(NS).withName("spark-connect-server").get() == null
                        && client.services().inNamespace(NS).withName("spark-connect-server").get() == null,
                        () -> "SparkConnect cleaned up");
                Await.until(() -> cluster.state(NS, "invalid") == AppState.FAILED, () -> "invalid FAILED");
                Await.until(() -> cluster.status(NS, "short-lived").state() == AppState.NEW
                        && !api.calls(c -> c.byOperator() && c.method().equals("DELETE")
                        && c.path().endsWith("/sparkapplications/short-lived")).isEmpty(), () -> "TTL deletion");
                Await.until(() -> client.genericKubernetesResources(ScheduledBadInputTest.SCHEDULED.getGroup()
                        + "/v1beta2", "SparkApplication").inNamespace(NS).list().getItems().stream()
                        .anyMatch(a -> a.getMetadata().getName().startsWith("spark-pi-scheduled-")),
                        () -> "a scheduled run");
            } finally {
                operator.close();
            }
            Set<String> used = new TreeSet<>();
            for (FaultyApiServer.Call c : api.calls(FaultyApiServer.Call::byOperator)) {
                ApiCall.of(c.method(), c.path()).ifPresent(call -> used.add(call.toString()));
            }
            assertTrue(used.contains("core pods create"), "the lifecycle ran: " + used);
            return used;
        }
    }

    /** Every (group, resource, verb) the rules allow, as "group resource verb". */
    static Set<String> granted(Path... roles) throws Exception {
        Set<String> granted = new TreeSet<>();
        for (Path role : roles) {
            for (String doc : Files.readString(role).split("(?m)^---$")) {
                JsonNode node = ApiJson.serialization().unmarshal(doc, JsonNode.class);
                if (node == null || !node.path("kind").asText().endsWith("Role")) {
                    continue;
                }
                for (JsonNode rule : node.path("rules")) {
                    for (JsonNode g : rule.path("apiGroups")) {
                        for (JsonNode r : rule.path("resources")) {
                            for (JsonNode v : rule.path("verbs")) {
                                granted.add((g.asText().isEmpty() ? "core" : g.asText()) + " " + r.asText() + " "
                                        + v.asText());
                            }
                        }
                    }
                }
            }
        }
        return granted;
    }
}
