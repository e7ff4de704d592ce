package io.sparkoperator.worker;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.net.URL;

/**
 * The two parts of a fabric8 client that cost the most to build and hold nothing of one submission: the JSON
 * mapping (Jackson builds a deserializer per model class per mapper, so a new mapper per submission redid all of
 * Pod, ConfigMap and Service each time) and the Vert.x instance (event-loop threads). Spark builds a new client for
 * every submission and closes it at the end; with these two shared, what it builds and closes is the per-submission
 * part alone: the configuration, the HTTP client and its connections.
 */
final class SharedClientParts {
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final Vertx VERTX = newVertx();

    private SharedClientParts() {
    }

    /**
     * What fabric8 builds here when Spark asks it for a client (as Spark's client factory does, with a submission's
     * class loader as the context class loader), twice: the client class, the HTTP client factory, and whether both
     * clients use the worker's one mapping. A check for tests, which fail if a fabric8 upgrade stops looking up.
     */
    public static void main(String[] args) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (FreshStaticsLoader loader = new FreshStaticsLoader(new URL[0], saved)) {
            thread.setContextClassLoader(loader);
            for (int i = 1; i <= 2; i++) {
                Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:9").build();
                try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                    System.out.println("client " + i + ": " + client.getClass().getName() + ", http "
                            + HttpClientUtils.getHttpClientFactory().getClass().getName() + ", shared mapping "
                            + (client.getKubernetesSerialization() == SERIALIZATION));
                }
            }
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    /** As fabric8 builds the Vert.x it would own (VertxHttpClientBuilder): daemon threads, no file caching. */
    private static Vertx newVertx() {
        String dnsKey = "vertx.disableDnsResolver";
        String saved = System.getProperty(dnsKey);
        System.setProperty(dnsKey, "true");
        try {
            return Vertx.vertx(new VertxOptions()
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false))
                    .setUseDaemonThread(true));
        } finally {
            if (saved == null) {
                System.clearProperty(dnsKey);
            } else {
                System.setProperty(dnsKey, saved);
            }
        }
    }
}
