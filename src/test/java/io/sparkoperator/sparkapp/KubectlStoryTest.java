package io.sparkoperator.sparkapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.runtime.KeyedDispatcherTest;
import io.sparkoperator.testing.FakeKubelet;
import io.sparkoperator.testing.LifecycleRig;
import io.sparkoperator.testing.KubectlView;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import io.sparkoperator.testing.TestOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl get sparkapp}, {@code -o wide} and {@code describe} tell a user about a completed, a failed
 * and an evicted run (restartPolicy Never): the wide Error column and the Events say why, in the Go operator's
 * reason spelling, one Event per transition. Printed, so the story can be read in the test log.
 */
class KubectlStoryTest {
    private final LifecycleRig rig = new LifecycleRig();
    private final MockCluster cluster = rig.cluster;
    private final FakeKubelet kubelet = rig.kubelet;
    private TestOperator operator;

    @AfterEach
    void close() throws Exception {
        rig.close(operator);
    }

    private AppState state(String name) {
        return SparkApplications.statusOf(cluster.getApp("default", name)).state();
    }

    private void run(String name, FakeKubelet.Plan plan, AppState end) throws InterruptedException {
        kubelet.plan = plan;
        cluster.createApp(TestApps.sparkPi("default", name));
        KeyedDispatcherTest.waitFor(() -> state(name) == end, Duration.ofSeconds(30));
    }

    private List<String> reasons(String app) {
        return cluster.client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> app.equals(e.getInvolvedObject().getName()))
                .sorted(java.util.Comparator.comparing(e -> e.getMetadata().getCreationTimestamp()))
                .map(Event::getReason).toList();
    }

    @Test
    void getWideAndDescribeTellWhatHappened() throws Exception {
        operator = new TestOperator(cluster.client).start();
        run("pi-completed", FakeKubelet.Plan.SUCCEED, AppState.COMPLETED);
        run("pi-failed", FakeKubelet.Plan.FAIL, AppState.FAILED);
        run("pi-evicted", FakeKubelet.Plan.EVICT, AppState.FAILED);
        Thread.sleep(300); // the Events that follow the end state

        KubectlView kubectl = new KubectlView(Path.of(System.getProperty("project.basedir", "."))
                .resolve("crds/sparkoperator.k8s.io_sparkapplications.yaml"));
        List<GenericKubernetesResource> apps = List.of(cluster.getApp("default", "pi-completed"),
                cluster.getApp("default", "pi-failed"), cluster.getApp("default", "pi-evicted"));
        Instant now = Instant.now();
        String get = kubectl.get(apps, false, now);
        String wide = kubectl.get(apps, true, now);
        StringBuilder describe = new StringBuilder();
        for (String app : List.of("pi-completed", "pi-failed", "pi-evicted")) {
            describe.append("$ kubectl describe sparkapp ").append(app).append("   (Events part)\n")
                    .append(KubectlView.describeEvents(cluster.client, "default", app, now));
        }
        System.out.println("$ kubectl get sparkapp\n" + get + "\n$ kubectl get sparkapp -o wide\n" + wide + "\n"
                + describe);

        assertTrue(get.lines().skip(1).allMatch(l -> l.matches("pi-\\w+ +(false +)?(COMPLETED|FAILED) +1 +.*")), get);
        String evictedRow = wide.lines().filter(l -> l.startsWith("pi-evicted")).findFirst().orElseThrow();
        assertTrue(evictedRow.matches(".* pi-evicted-driver +driver pod Evicted: The node was low on resource: memory\\..*"),
                evictedRow);
        assertTrue(wide.lines().filter(l -> l.startsWith("pi-failed")).findFirst().orElseThrow()
                .endsWith("driver container failed with ExitCode: 1, Reason: Error"), wide);
        assertEquals(List.of(EventReasons.APP_ADDED, EventReasons.APP_SUBMITTED, EventReasons.DRIVER_RUNNING,
                EventReasons.DRIVER_FAILED, EventReasons.APP_FAILED), reasons("pi-evicted"));
        assertTrue(describe.toString().contains("Driver pi-evicted-driver failed: driver pod Evicted: The node was low"
                + " on resource: memory."), describe::toString);
        assertTrue(describe.toString().contains("SparkApplication pi-evicted failed: driver pod Evicted: The node was"
                + " low on resource: memory."), describe::toString);
    }
}
