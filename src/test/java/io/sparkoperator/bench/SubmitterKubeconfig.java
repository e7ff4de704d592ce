package io.sparkoperator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The kubeconfig the benchmark operator's spark-submit reads ({@code KUBECONFIG}, as {@code make run} gives it the
 * user's) when the API server speaks TLS: the server and its CA, no user credentials (the lean server has no
 * authentication). In a pod the operator passes nothing and spark-submit's fabric8 client finds the service
 * account's CA and token by itself; outside one the kubeconfig is the way in. Written as JSON, which is YAML.
 */
final class SubmitterKubeconfig {
    private SubmitterKubeconfig() {
    }

    /** Writes {@code kubeconfig-<pid>.json} under {@code dir} and returns it. */
    static Path write(Path dir, String serverUrl, Path caFile) {
        Map<String, Object> config = Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters", List.of(Map.of("name", "bench", "cluster",
                        Map.of("server", serverUrl, "certificate-authority", caFile.toAbsolutePath().toString()))),
                "users", List.of(Map.of("name", "bench", "user", Map.of())),
                "contexts", List.of(Map.of("name", "bench", "context", Map.of("cluster", "bench", "user", "bench"))),
                "current-context", "bench");
        try {
            Path file = Files.createDirectories(dir).resolve("kubeconfig-" + ProcessHandle.current().pid() + ".json");
            Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(config));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the submitter's kubeconfig under " + dir, e);
        }
    }
}
