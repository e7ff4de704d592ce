package io.sparkoperator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sparkoperator.bench.apiserver.LeanApiServer;
import io.sparkoperator.bench.apiserver.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spark-submit's fabric8 client, configured from the written kubeconfig alone, reaches the TLS server. */
class SubmitterKubeconfigTest {
    @TempDir
    Path dir;

    @Test
    void aClientFromTheKubeconfigTrustsTheServersCa() throws Exception {
        try (LeanApiServer tls = LeanApiServer.startTls(new ObjectStore(), 0)) {
            Path kubeconfig = SubmitterKubeconfig.write(dir, tls.url(), tls.caFile().orElseThrow());
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            assertEquals(tls.url() + "/", config.getMasterUrl());
            assertEquals(tls.caFile().orElseThrow().toString(), config.getCaCertFile());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("c").endMetadata().addToData("k", "v").build()).create();
                assertEquals("v", client.configMaps().inNamespace("default").withName("c").get().getData().get("k"));
            }
        }
    }
}
