package io.sparkoperator;

import static io.sparkoperator.runtime.KeyedDispatcherTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sparkoperator.api.Labels;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.sparkapp.StatusWriter;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllersTest {
    private final MockCluster cluster = new MockCluster();
    private final Map<ResourceKey, AtomicInteger> appRuns = new ConcurrentHashMap<>();
    private final List<ResourceKey> scheduledRuns = new CopyOnWriteArrayList<>();
    private final Map<ResourceKey, Long> specChangeSeen = new ConcurrentHashMap<>();
    private volatile boolean cacheHadAppWhenReconciled = true;
    private Controllers runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.stop(Duration.ofSeconds(5), true);
        }
        cluster.close();
    }

    private Controllers runtime(List<String> namespaces) {
        Controllers.AppReconcilerFactory factory = (caches, specChanges) -> key -> {
            appRuns.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            long token = specChanges.peek(key);
            if (token != 0) {
                specChangeSeen.merge(key, 1L, Long::sum);
                specChanges.clear(key, token);
            }
            if (caches.app(key) == null && cluster.getApp(key.namespace(), key.name()) != null) {
                cacheHadAppWhenReconciled = false;
            }
            return ReconcileResult.done();
        };
        runtime = new Controllers(cluster.client, new Controllers.Settings(namespaces, null,
                Duration.ofSeconds(20), Backoff.defaults()), factory, key -> {
                    scheduledRuns.add(key);
                    return ReconcileResult.done();
                }, app -> Optional.ofNullable(app.getMetadata().getLabels())
                        .map(labels -> labels.get(Labels.SCHEDULED_APP_NAME))
                        .map(parent -> new ResourceKey(app.getMetadata().getNamespace(), parent)),
                Controllers.Observers.none(), Controllers.Watchers.none());
        return runtime;
    }

    private int runs(String namespace, String name) {
        return appRuns.getOrDefault(new ResourceKey(namespace, name), new AtomicInteger()).get();
    }

    @Test
    void existingAppsAreReconciledAfterSyncAndPodsWakeTheirApp() throws Exception {
        for (int i = 0; i < 5; i++) {
            cluster.createApp(TestApps.sparkPi("default", "app-" + i));
        }
        runtime(List.of()).start();
        assertTrue(runtime.isReady());
        waitFor(() -> appRuns.size() == 5 && runtime.inFlight() == 0);
        assertTrue(cacheHadAppWhenReconciled, "reconciliation started before the cache held the app");

        int before = runs("default", "app-1");
        cluster.client.pods().inNamespace("default").resource(sparkPod("app-1-driver", "app-1")).create();
        waitFor(() -> runs("default", "app-1") > before);

        Pod unlabelled = new PodBuilder().withNewMetadata().withName("other").withNamespace("default")
                .addToLabels(Labels.APP_NAME, "app-2").endMetadata().build();
        cluster.client.pods().inNamespace("default").resource(unlabelled).create();
        Thread.sleep(300);
        assertEquals(1, runs("default", "app-2"), "pods the operator did not launch are not watched");
    }

    @Test
    void specEditsAreFlaggedButStatusAndSuspendEditsAreNot() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        runtime(List.of()).start();
        ResourceKey key = new ResourceKey("default", "pi");
        waitFor(() -> runs("default", "pi") == 1);

        GenericKubernetesResource app = cluster.getApp("default", "pi");
        new StatusWriter(cluster.client).write(app, SparkApplications.statusOf(app)
                .withSubmissionID("x"));
        waitFor(() -> runs("default", "pi") == 2);
        editSpec(spec -> spec.put("suspend", true));
        waitFor(() -> runs("default", "pi") == 3);
        editSpec(spec -> spec.put("timeToLiveSeconds", 60));
        waitFor(() -> runs("default", "pi") == 4);
        assertFalse(specChangeSeen.containsKey(key));

        editSpec(spec -> spec.put("arguments", List.of("10")));
        waitFor(() -> specChangeSeen.getOrDefault(key, 0L) == 1);
    }

    @Test
    void onlyListedNamespacesAreWatchedAndRunsWakeTheirSchedule() throws Exception {
        cluster.createApp(TestApps.sparkPi("team-a", "pi"));
        cluster.createApp(TestApps.sparkPi("team-b", "pi"));
        runtime(List.of("team-a")).start();
        waitFor(() -> runs("team-a", "pi") == 1);
        Thread.sleep(200);
        assertEquals(0, runs("team-b", "pi"));

        GenericKubernetesResource child = cluster.createApp(TestApps.sparkPi("team-a", "nightly-1"));
        child.getMetadata().setLabels(Map.of(Labels.SCHEDULED_APP_NAME, "nightly"));
        SparkApplications.api(cluster.client).inNamespace("team-a").resource(child).update();
        waitFor(() -> scheduledRuns.contains(new ResourceKey("team-a", "nightly")));
    }

    @Test
    void stopEndsTheTermAndNothingRunsAfterwards() throws Exception {
        runtime(List.of()).start();
        assertTrue(runtime.stop(Duration.ofSeconds(5), false));
        assertFalse(runtime.isReady());
        cluster.createApp(TestApps.sparkPi("default", "late"));
        Thread.sleep(300);
        assertEquals(0, runs("default", "late"));
    }

    private void editSpec(java.util.function.Consumer<Map<String, Object>> edit) {
        GenericKubernetesResource app = cluster.getApp("default", "pi");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) app.getAdditionalProperties().get("spec");
        edit.accept(spec);
        SparkApplications.api(cluster.client).inNamespace("default").resource(app).update();
    }

    static Pod sparkPod(String name, String app) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .addToLabels(Labels.APP_NAME, app).addToLabels(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true")
                .addToLabels(Labels.SPARK_ROLE, Labels.ROLE_DRIVER).endMetadata().build();
    }
}
