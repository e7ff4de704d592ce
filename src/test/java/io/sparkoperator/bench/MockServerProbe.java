package io.sparkoperator.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.controller.SparkApplications;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures fabric8's KubernetesMockServer in CRUD mode with many SparkApplications (create, list, a watch that
 * sees N updates), to decide whether it can serve the operator benchmark. Prints the figures; run with
 * {@code -Dtest=MockServerProbe -Dgroups=bench -DexcludedGroups= -Dprobe.n=10000}.
 */
@Tag("bench")
class MockServerProbe {
    @Test
    void createListWatch() throws Exception {
        int n = Integer.getInteger("probe.n", 2000);
        long budgetNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger("probe.budget.seconds", 120));
        var crd = new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP)
                .withVersion(ApiGroup.VERSION).withKind(ApiGroup.SPARK_APPLICATION).withPlural("sparkapplications")
                .withScope("Namespaced").withStatusSubresource(true).build();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(crd)), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            var apps = SparkApplications.api(client).inNamespace(SparkPiManifest.NAMESPACE);
            long t0 = System.nanoTime();
            int created = 0;
            long lastReport = t0;
            for (; created < n && System.nanoTime() - t0 < budgetNanos; created++) {
                apps.resource(Serialization.unmarshal(SparkPiManifest.json(SparkPiManifest.name(created)),
                        GenericKubernetesResource.class)).create();
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    lastReport = System.nanoTime();
                    System.out.printf("probe: %d created after %.1f s%n", created, (lastReport - t0) / 1e9);
                }
            }
            double createSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            int listed = apps.list().getItems().size();
            double listSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            int gets = Math.min(created, 200);
            for (int i = 0; i < gets; i++) {
                apps.withName(SparkPiManifest.name(i)).get();
            }
            double getMillis = (System.nanoTime() - t2) / 1e6 / gets;
            int updates = Math.min(created, 200);
            CountDownLatch seen = new CountDownLatch(updates);
            long t3 = System.nanoTime();
            try (var watch = apps.watch(new Watcher<GenericKubernetesResource>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    if (action == Action.MODIFIED) {
                        seen.countDown();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                for (int i = 0; i < updates; i++) {
                    apps.withName(SparkPiManifest.name(i)).edit(app -> {
                        app.getMetadata().getLabels().put("touched", "yes");
                        return app;
                    });
                }
                seen.await(120, TimeUnit.SECONDS);
            }
            double updateMillis = (System.nanoTime() - t3) / 1e6 / updates;
            System.out.printf("probe: fabric8 CRUD mock: %d SparkApplications created in %.1f s (%.0f/s, last %d"
                            + " not reached in budget: %s); list of %d in %.2f s; get %.2f ms; update+watch event"
                            + " %.2f ms each (%d watch events missing)%n",
                    created, createSeconds, created / createSeconds, n, created < n, listed, listSeconds, getMillis,
                    updateMillis, seen.getCount());
        } finally {
            server.destroy();
        }
    }
}
