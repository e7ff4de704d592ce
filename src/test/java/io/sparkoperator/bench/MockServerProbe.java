package io.sparkoperator.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.bench.apiserver.BenchClients;
import io.sparkoperator.bench.apiserver.LeanApiServer;
import io.sparkoperator.bench.apiserver.ObjectStore;
import io.sparkoperator.sparkapp.SparkApplications;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-probe}: can fabric8's KubernetesMockServer in CRUD mode serve the operator benchmark? The same
 * operations (create N SparkApplications one by one, list them, get, update with a watch seeing each change) against
 * it and against the lean API server, from one client. Writes its section of BENCHMARKS.md.
 */
@Tag("bench")
class MockServerProbe {
    private static final int BUDGET_SECONDS = Integer.getInteger("probe.budget.seconds", 90);

    @Test
    void createListGetUpdateWatch() throws Exception {
        int n = Integer.getInteger("probe.n", 10_000);
        var crd = new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP)
                .withVersion(ApiGroup.VERSION).withKind(ApiGroup.SPARK_APPLICATION).withPlural("sparkapplications")
                .withScope("Namespaced").withStatusSubresource(true).build();
        KubernetesMockServer mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(crd)), false);
        mock.init();
        String mockRow;
        try (KubernetesClient client = mock.createClient()) {
            mockRow = probe("fabric8 KubernetesMockServer (CRUD)", client, n);
        } finally {
            mock.destroy();
        }
        String leanRow;
        try (LeanApiServer lean = LeanApiServer.start(new ObjectStore(), 0);
                KubernetesClient client = BenchClients.to(lean.url())) {
            leanRow = probe("lean API server (this harness)", client, n);
        }
        String body = "Machine: " + MachineInfo.describe() + ". Load average " + MachineInfo.loadAverage()
                + ".\n\nOne fabric8 client, requests one at a time; creation stops after " + BUDGET_SECONDS
                + " s.\n\n| server | created | create s | creates/s | list all ms | get ms | update + its watch"
                + " event ms |\n|---|---|---|---|---|---|---|\n" + mockRow + leanRow;
        BenchmarksFile.write("bench-probe", "Which API server for the benchmark (`make bench-probe`)", body);
        System.out.println(body);
    }

    private static String probe(String label, KubernetesClient client, int n) throws Exception {
        var apps = SparkApplications.api(client).inNamespace(SparkPiManifest.NAMESPACE);
        long t0 = System.nanoTime();
        int created = 0;
        for (; created < n && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(BUDGET_SECONDS); created++) {
            apps.resource(Serialization.unmarshal(SparkPiManifest.json(SparkPiManifest.name(created)),
                    GenericKubernetesResource.class)).create();
        }
        double createSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        apps.list().getItems().size();
        double listMillis = (System.nanoTime() - t1) / 1e6;
        int gets = Math.min(created, 200);
        long t2 = System.nanoTime();
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
        return String.format(Locale.ROOT, "| %s | %d of %d | %.1f | %.0f | %.0f | %.2f | %.2f |%n", label, created, n,
                createSeconds, created / createSeconds, listMillis, getMillis, updateMillis);
    }
}
