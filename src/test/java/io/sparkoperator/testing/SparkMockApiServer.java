package io.sparkoperator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sparkoperator.submit.ChildJvmOptions;
import io.sparkoperator.submit.SubmitterConfig;
import java.nio.file.Path;
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

    /**
     * How the integration tests run the real spark-submit against it: Spark from {@code make spark-home} on this
     * JDK, no kubeconfig, pod templates and the start-up cache under {@code work}, tuned child JVMs.
     */
    public static SubmitterConfig submitterConfig(KubernetesMockServer server, Path work) {
        return SubmitterConfig.defaults(AssembledSparkHome.require(), masterUrl(server))
                .withJavaHome(Path.of(System.getProperty("java.home")))
                .withKubeconfig(Path.of("/dev/null"))
                .withWorkDir(work.resolve("templates"))
                .withChildJvm(ChildJvmOptions.tuned(work.resolve("cds")));
    }

    /** The spark-submit master URL for it: {@code k8s://http://127.0.0.1:<port>}. */
    public static String masterUrl(KubernetesMockServer server) {
        return "k8s://http://" + server.getHostName() + ":" + server.getPort();
    }
}
