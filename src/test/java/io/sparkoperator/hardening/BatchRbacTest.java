package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.batch.BatchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch-schedulers component grants exactly what batch scheduling and the driver PDB use: every call the
 * operator made on PodGroups and PodDisruptionBudgets during lifecycles with Volcano, scheduler-plugins and a PDB
 * (real Submitter, emulated spark-submit) is allowed by its ClusterRole, and each of its rules was used or is
 * listed below with the code path that makes it.
 */
class BatchRbacTest {
    static final Path COMPONENT_ROLE = Path.of("kustomize/components/batch-schedulers/clusterrole.yaml");

    static final Map<String, String> ON_PATHS_NOT_TAKEN_HERE = Map.of(
            "scheduling.volcano.sh podgroups update", "BatchScheduling.sync: a Volcano PodGroup with another minMember",
            "scheduling.x-k8s.io podgroups update",
            "BatchScheduling.sync: a PodGroup left by a failed submission, brought in line on the retry");

    @TempDir
    Path dir;

    @Test
    void theComponentHoldsExactlyTheBatchCalls() throws Exception {
        Path project = Manifest.projectDir();
        assertTrue(Files.exists(project.resolve(COMPONENT_ROLE)), "the ClusterRole at " + COMPONENT_ROLE);
        Set<String> granted = RbacTest.granted(project.resolve(COMPONENT_ROLE));
        Set<String> used = new TreeSet<>();
        try (FaultyApiServer api = new FaultyApiServer()) {
            KubernetesClient client = api.newTestClient();
            Cluster cluster = new Cluster(client);
            BatchSettings batch = new BatchSettings(true, "", List.of("coscheduler"), true);
            HardenedOperator operator = new HardenedOperator(api.newClient(), dir,
                    HardenedOperator.Settings.defaults().batch(batch)).start();
            try (Kubelet kubelet = new Kubelet(client).autoComplete()) {
                cluster.create(app("gang", "volcano"));
                cluster.create(app("cosched", "coscheduler"));
                ObjectNode protectedDriver = app("protected", null);
                Manifest.object(protectedDriver, "/spec").put("driverPodDisruptionBudget", true);
                cluster.create(protectedDriver);
                for (String name : List.of("gang", "cosched", "protected")) {
                    Await.until(() -> cluster.state(RbacTest.NS, name) == AppState.COMPLETED, () -> name + " COMPLETED");
                }
                Await.until(() -> !api.calls(c -> c.byOperator() && c.method().equals("DELETE")
                        && c.path().contains("/poddisruptionbudgets/")).isEmpty(), () -> "the PDB deleted");
            } finally {
                operator.close();
            }
            for (FaultyApiServer.Call c : api.calls(FaultyApiServer.Call::byOperator)) {
                ApiCall.of(c.method(), c.path()).map(ApiCall::toString)
                        .filter(call -> call.contains(" podgroups ") || call.contains(" poddisruptionbudgets "))
                        .ifPresent(used::add);
            }
        }
        Set<String> notGranted = new TreeSet<>(used);
        notGranted.removeAll(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(used);
        unused.removeAll(ON_PATHS_NOT_TAKEN_HERE.keySet());
        assertEquals(Map.of("refused by RBAC", Set.of(), "granted but unused", Set.of()),
                Map.of("refused by RBAC", notGranted, "granted but unused", unused), "used: " + used);
    }

    private static ObjectNode app(String name, String scheduler) {
        ObjectNode m = Manifest.example(Manifest.SPARK_PI);
        Manifest.object(m, "/metadata").put("name", name);
        if (scheduler != null) {
            Manifest.object(m, "/spec").put("batchScheduler", scheduler);
        }
        return m;
    }
}
