package io.sparkoperator.bench.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.sparkapp.SparkApplications;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lean API server behaves like a real one for what the operator and fabric8's client do with it. */
class LeanApiServerTest {
    private LeanApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        server = LeanApiServer.start(new ObjectStore(), 0);
        client = BenchClients.to(server.url());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createGetAndAlreadyExists() {
        var apps = SparkApplications.api(client).inNamespace("default");
        GenericKubernetesResource created = apps.resource(app("a")).create();
        assertNotNull(created.getMetadata().getUid());
        assertEquals("default", created.getMetadata().getNamespace());
        assertEquals(created.getMetadata().getResourceVersion(),
                apps.withName("a").get().getMetadata().getResourceVersion());
        KubernetesClientException again = assertThrows(KubernetesClientException.class,
                () -> apps.resource(app("a")).create());
        assertEquals(409, again.getCode());
        assertNull(apps.withName("missing").get());
        assertEquals(1, server.counts().snapshot().get("get sparkapplications") - 1);
    }

    @Test
    void statusSubresourceKeepsSpecAndStatusApartAndChecksVersions() {
        var apps = SparkApplications.api(client).inNamespace("default");
        GenericKubernetesResource created = apps.resource(app("b")).create();
        GenericKubernetesResource withStatus = copy(created);
        withStatus.setAdditionalProperty("status", Map.of("applicationState", Map.of("state", "SUBMITTED")));
        withStatus.setAdditionalProperty("spec", Map.of("type", "Python"));
        GenericKubernetesResource stored = apps.resource(withStatus).updateStatus();
        assertEquals("Scala", ((Map<?, ?>) stored.getAdditionalProperties().get("spec")).get("type"));
        assertEquals(Map.of("applicationState", Map.of("state", "SUBMITTED")),
                stored.getAdditionalProperties().get("status"));
        KubernetesClientException stale = assertThrows(KubernetesClientException.class,
                () -> apps.resource(withStatus).updateStatus());
        assertEquals(409, stale.getCode());
        GenericKubernetesResource specEdit = copy(stored);
        specEdit.getAdditionalProperties().remove("status");
        GenericKubernetesResource edited = apps.resource(specEdit).update();
        assertEquals(stored.getAdditionalProperties().get("status"), edited.getAdditionalProperties().get("status"));
    }

    @Test
    void listsAndInformersFilterByLabelAndFollowChanges() throws Exception {
        var pods = client.pods().inNamespace("default");
        pods.resource(pod("p1", "true")).create();
        pods.resource(pod("other", "false")).create();
        assertEquals(List.of("p1"), client.pods().inAnyNamespace().withLabel("launched", "true").list().getItems()
                .stream().map(p -> p.getMetadata().getName()).toList());
        List<String> seen = new CopyOnWriteArrayList<>();
        var informer = client.pods().inAnyNamespace().withLabel("launched", "true").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen.add("add " + pod.getMetadata().getName() + " " + pod.getStatus().getPhase());
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                seen.add("update " + after.getMetadata().getName() + " " + after.getStatus().getPhase());
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                seen.add("delete " + pod.getMetadata().getName());
            }
        });
        try {
            pods.resource(pod("p2", "true")).create();
            server.store().modify("pods", "default", "p2", p -> {
                p.withObject("status").put("phase", "Running");
                return p;
            });
            pods.withName("p1").delete();
            // a label change moves an object into and out of a selector: ADDED and DELETED for that watch
            server.store().modify("pods", "default", "other", p -> {
                p.withObject("metadata").withObject("labels").put("launched", "true");
                return p;
            });
            server.store().modify("pods", "default", "p2", p -> {
                p.withObject("metadata").withObject("labels").put("launched", "no");
                return p;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of("add p1 Pending", "add p2 Pending", "update p2 Running", "delete p1",
                    "add other Pending", "delete p2"), seen);
        } finally {
            informer.close();
        }
    }

    @Test
    void overTlsAClientTrustingTheGeneratedCaCreatesReadsAndWatches() throws Exception {
        try (LeanApiServer tls = LeanApiServer.startTls(new ObjectStore(), 0);
                KubernetesClient trusting = BenchClients.to(tls.url(), tls.caFile().orElseThrow())) {
            assertTrue(tls.url().startsWith("https://127.0.0.1:"), tls.url());
            assertTrue(java.nio.file.Files.readString(tls.caFile().orElseThrow()).startsWith(
                    "-----BEGIN CERTIFICATE-----"));
            List<String> seen = new CopyOnWriteArrayList<>();
            var pods = trusting.pods().inNamespace("default");
            var informer = pods.inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    seen.add("add " + pod.getMetadata().getName());
                }

                @Override
                public void onUpdate(Pod before, Pod after) {
                    seen.add("update " + after.getMetadata().getName() + " " + after.getStatus().getPhase());
                }

                @Override
                public void onDelete(Pod pod, boolean unknownFinalState) {
                }
            });
            try {
                Pod created = pods.resource(pod("t1", "true")).create();
                assertEquals(created.getMetadata().getUid(), pods.withName("t1").get().getMetadata().getUid());
                tls.store().modify("pods", "default", "t1", p -> {
                    p.withObject("status").put("phase", "Running");
                    return p;
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seen.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(List.of("add t1", "update t1 Running"), seen);
                // The events came over a streamed watch, the WebSocket refused as over plain HTTP.
                Map<String, Long> requests = tls.counts().snapshot();
                assertTrue(requests.getOrDefault("websocket-refused pods", 0L) >= 1, requests::toString);
                assertTrue(requests.getOrDefault("watch pods", 0L) >= 1, requests::toString);
            } finally {
                informer.close();
            }
            try (KubernetesClient untrusting = BenchClients.to(tls.url(), null)) {
                KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                        () -> untrusting.pods().inNamespace("default").withName("t1").get());
                assertTrue(causes(refused).contains("SSLHandshakeException"), causes(refused));
            }
        }
    }

    @Test
    void mergePatchAndWatchReplayFromAVersion() {
        var events = client.v1().events().inNamespace("default");
        var created = events.resource(new EventBuilder().withNewMetadata().withName("e1").endMetadata()
                .withReason("SparkApplicationAdded").withCount(1).build()).create();
        var patched = events.withName("e1").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":2}");
        assertEquals(2, patched.getCount());
        assertEquals("SparkApplicationAdded", patched.getReason());
        WatchSubscription replay = server.store().watch("events", "default", Selector.ALL,
                Long.parseLong(created.getMetadata().getResourceVersion()));
        assertEquals(1, replay.queue.size());
        assertTrue(server.counts().total() >= 2);
    }

    @Test
    void selectorsReadSetAndExistenceTerms() {
        ObjectStore store = new ObjectStore();
        store.create("pods", "default", (com.fasterxml.jackson.databind.node.ObjectNode) JsonText.MAPPER.valueToTree(
                pod("x", "true")));
        StoredObject x = store.get("pods", "default", "x");
        assertTrue(Selector.parse("launched in (true, maybe),role", null).matches(x));
        assertTrue(Selector.parse("!absent,launched!=false", "metadata.name=x").matches(x));
        assertTrue(!Selector.parse("launched notin (true)", null).matches(x));
        assertTrue(!Selector.parse(null, "metadata.namespace=other").matches(x));
    }

    private static String causes(Throwable t) {
        StringBuilder names = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            names.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" <- ");
        }
        return names.toString();
    }

    private static GenericKubernetesResource app(String name) {
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.sparkoperator.bench.SparkPiManifest.json(name), GenericKubernetesResource.class);
    }

    private static GenericKubernetesResource copy(GenericKubernetesResource r) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(r);
    }

    private static Pod pod(String name, String launched) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .addToLabels("launched", launched).addToLabels("role", "driver").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec().build();
    }
}
