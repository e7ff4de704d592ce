package io.sparkoperator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyPatchCrudDispatcherTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = SparkMockApiServer.start();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void serverSideApplyCreatesWhenAbsentAndMergesWhenPresent() {
        ConfigMap first = new ConfigMapBuilder().withNewMetadata().withName("conf").withNamespace("ns").endMetadata()
                .withData(Map.of("a", "1")).build();
        client.configMaps().resource(first).fieldManager("fabric8").forceConflicts().serverSideApply();
        assertEquals(Map.of("a", "1"), client.configMaps().inNamespace("ns").withName("conf").get().getData());

        ConfigMap second = new ConfigMapBuilder(first).withData(Map.of("b", "2")).build();
        client.configMaps().resource(second).fieldManager("fabric8").forceConflicts().serverSideApply();

        assertEquals(Map.of("a", "1", "b", "2"), client.configMaps().inNamespace("ns").withName("conf").get().getData(),
                "a merge patch, not a replace (no field ownership in the mock)");
    }

    @Test
    void everythingElseIsPlainCrud() {
        client.configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata().withName("x")
                .endMetadata().withData(Map.of("k", "v")).build()).create();
        client.configMaps().inNamespace("ns").withName("x").edit(cm -> new ConfigMapBuilder(cm).addToData("k2", "v2").build());
        assertEquals(Map.of("k", "v", "k2", "v2"), client.configMaps().inNamespace("ns").withName("x").get().getData());
    }
}
