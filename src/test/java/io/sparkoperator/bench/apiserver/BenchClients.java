package io.sparkoperator.bench.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Optional;

/** fabric8 clients for a benchmark API server: nothing read from a kubeconfig or the environment. */
public final class BenchClients {
    /**
     * The system property that hands the benchmark operator's JVM the CA of an HTTPS benchmark server (a PEM file's
     * path): its own client and the kubeconfig its spark-submit gets both trust it.
     */
    public static final String CA_FILE_PROPERTY = "bench.api.caFile";

    private BenchClients() {
    }

    /** A client trusting the CA of {@link #CA_FILE_PROPERTY} when that is set. */
    public static KubernetesClient to(String url) {
        return to(url, caFile().orElse(null));
    }

    /** A client to {@code url} trusting {@code caFile} (null over plain HTTP); never one trusting any certificate. */
    public static KubernetesClient to(String url, Path caFile) {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
                .withRequestTimeout(30_000).withConnectionTimeout(10_000);
        if (caFile != null) {
            config.withCaCertFile(caFile.toString());
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    /** The CA named by {@link #CA_FILE_PROPERTY}. */
    public static Optional<Path> caFile() {
        String value = System.getProperty(CA_FILE_PROPERTY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
