package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.batch.PodGroupApi;
import io.sparkoperator.sparkapp.SparkApplications;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's mock API server in CRUD mode, told that the three CRDs have a status subresource (so a spec update keeps
 * status and a /status write keeps spec, as on a real server). One per test class or test.
 */
public final class MockCluster implements AutoCloseable {
    public final KubernetesMockServer server;
    public final KubernetesClient client;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new StrictCrudDispatcher(List.of(crd(ApiGroup.SPARK_APPLICATION, "sparkapplications"),
                        crd(ApiGroup.SCHEDULED_SPARK_APPLICATION, "scheduledsparkapplications"),
                        podGroups(PodGroupApi.VOLCANO), podGroups(PodGroupApi.SCHEDULER_PLUGINS),
                        crd(ApiGroup.SPARK_CONNECT, "sparkconnects", ApiGroup.VERSION_V1ALPHA1))), false);
        server.init();
        client = newClient();
    }

    /**
     * A client to this server (also for a second operator instance). Requests time out after 5 s instead of 10 s:
     * on the shared test machine a request to the mock now and then stalls, and the operator's answer to that
     * (time out, back off, retry) should show within a test's patience.
     */
    public KubernetesClient newClient() {
        return server.createClient(builder -> builder.editOrNewConfig().withRequestTimeout(5_000).endConfig());
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural) {
        return crd(kind, plural, ApiGroup.VERSION);
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural, String version) {
        return new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP).withVersion(version)
                .withKind(kind).withPlural(plural).withScope("Namespaced").withStatusSubresource(true).build();
    }

    /** The batch schedulers' PodGroup CRDs, as a cluster with Volcano and scheduler-plugins installed has them. */
    public static CustomResourceDefinitionContext podGroups(PodGroupApi api) {
        var context = api.context();
        return new CustomResourceDefinitionContext.Builder().withGroup(context.getGroup())
                .withVersion(context.getVersion()).withKind(context.getKind()).withPlural(context.getPlural())
                .withScope("Namespaced").build();
    }

    public GenericKubernetesResource createApp(String yaml) {
        GenericKubernetesResource app = ApiJson.parse(yaml, GenericKubernetesResource.class);
        return SparkApplications.api(client).inNamespace(app.getMetadata().getNamespace()).resource(app).create();
    }

    public GenericKubernetesResource getApp(String namespace, String name) {
        return SparkApplications.api(client).inNamespace(namespace).withName(name).get();
    }

    public SparkApplication typedApp(String namespace, String name) {
        GenericKubernetesResource raw = getApp(namespace, name);
        return raw == null ? null : SparkApplications.toTyped(raw);
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // "Unable to close MockWebServer": a connection still draining; the port is released anyway
        }
    }
}
