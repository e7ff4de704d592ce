package io.sparkoperator.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's mock API server in CRUD mode, told that both CRDs have a status subresource (so a spec update keeps
 * status and a /status write keeps spec, as on a real server). One per test class or test.
 */
final class MockCluster implements AutoCloseable {
    final KubernetesMockServer server;
    final KubernetesClient client;

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new StrictCrudDispatcher(List.of(crd(ApiGroup.SPARK_APPLICATION, "sparkapplications"),
                        crd(ApiGroup.SCHEDULED_SPARK_APPLICATION, "scheduledsparkapplications"))), false);
        server.init();
        client = server.createClient();
    }

    /** Another client to the same server (a second operator instance). */
    KubernetesClient newClient() {
        return server.createClient();
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION)
                .withKind(kind).withPlural(plural).withScope("Namespaced").withStatusSubresource(true).build();
    }

    GenericKubernetesResource createApp(String yaml) {
        GenericKubernetesResource app = ApiJson.parse(yaml, GenericKubernetesResource.class);
        return SparkApplications.api(client).inNamespace(app.getMetadata().getNamespace()).resource(app).create();
    }

    GenericKubernetesResource getApp(String namespace, String name) {
        return SparkApplications.api(client).inNamespace(namespace).withName(name).get();
    }

    SparkApplication typedApp(String namespace, String name) {
        GenericKubernetesResource raw = getApp(namespace, name);
        return raw == null ? null : SparkApplications.toTyped(raw);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
