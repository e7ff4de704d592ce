package io.sparkoperator.hardening;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.sparkapp.SparkApplications;
import java.util.List;

/** Reading and writing SparkApplications raw, as kubectl would, and what a user then sees (status, Events). */
final class Cluster {
    private final KubernetesClient client;

    Cluster(KubernetesClient client) {
        this.client = client;
    }

    GenericKubernetesResource create(ObjectNode manifest) {
        GenericKubernetesResource raw = ApiJson.serialization().convertValue(manifest, GenericKubernetesResource.class);
        return SparkApplications.api(client).inNamespace(raw.getMetadata().getNamespace()).resource(raw).create();
    }

    /** Creates examples/spark-pi.yaml under another name. */
    GenericKubernetesResource createSparkPi(String name) {
        ObjectNode m = Manifest.example(Manifest.SPARK_PI);
        Manifest.object(m, "/metadata").put("name", name);
        return create(m);
    }

    SparkApplicationStatus status(String namespace, String name) {
        GenericKubernetesResource raw = SparkApplications.api(client).inNamespace(namespace).withName(name).get();
        return raw == null ? SparkApplicationStatus.initial() : SparkApplications.statusOf(raw);
    }

    AppState state(String namespace, String name) {
        return status(namespace, name).state();
    }

    String errorMessage(String namespace, String name) {
        var s = status(namespace, name).applicationState();
        return s == null ? null : s.errorMessage();
    }

    List<Event> warnings(String namespace, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
                .toList();
    }

    List<Event> events() {
        return client.v1().events().inAnyNamespace().list().getItems();
    }
}
