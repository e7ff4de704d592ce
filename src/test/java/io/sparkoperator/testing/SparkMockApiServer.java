package io.sparkoperator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** Starts a plain-HTTP {@link KubernetesMockServer} in CRUD mode that also takes spark-submit's server-side applies. */
public final class SparkMockApiServer {
    private SparkMockApiServer() {
    }

    /** A started server; {@code destroy()} it when done. {@code createClient()} gives a fabric8 client to it. */
    public static KubernetesMockServer start() {
        return start(new ApplyPatchCrudDispatcher());
    }

    /** As {@link #start()}, with a dispatcher of the test's (one that stalls some requests, say). */
    public static KubernetesMockServer start(ApplyPatchCrudDispatcher dispatcher) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        return server;
    }

    /** The spark-submit master URL for it: {@code k8s://http://127.0.0.1:<port>}. */
    public static String masterUrl(KubernetesMockServer server) {
        return "k8s://http://" + server.getHostName() + ":" + server.getPort();
    }
}
