package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.runtime.InformerGroup;
import io.sparkoperator.runtime.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The informer caches the SparkConnect reconciler reads: SparkConnects, and only the pods that carry a
 * {@code sparkoperator.k8s.io/connect-name} label (servers and the executors Spark makes for them), indexed by
 * {@code <namespace>/<connect-name>}.
 */
public final class ConnectCaches {
    private static final String BY_CONNECT = "by-connect";

    private final InformerGroup<SparkConnect> connects;
    private final InformerGroup<Pod> pods;

    public ConnectCaches(KubernetesClient client, List<String> namespaces) {
        connects = new InformerGroup<>("SparkConnects", namespaces, namespace -> {
            var all = client.resources(SparkConnect.class);
            return (namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace)).runnableInformer(0);
        });
        pods = new InformerGroup<Pod>("Spark Connect pods", namespaces, namespace -> {
            var all = client.pods();
            return (namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace))
                    .withLabel(Labels.CONNECT_NAME).runnableInformer(0);
        }).addIndexer(BY_CONNECT, pod -> {
            String connect = connectOf(pod);
            return connect == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + connect);
        });
    }

    static String connectOf(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        String name = labels == null ? null : labels.get(Labels.CONNECT_NAME);
        return name == null || name.isEmpty() ? null : name;
    }

    List<ResourceKey> connectKeys() {
        return connects.list().stream().map(ResourceKey::of).toList();
    }

    ConnectCaches onConnects(ResourceEventHandler<SparkConnect> handler) {
        connects.addHandler(handler);
        return this;
    }

    ConnectCaches onPods(ResourceEventHandler<Pod> handler) {
        pods.addHandler(handler);
        return this;
    }

    void startAndSync(Duration timeout) throws TimeoutException, InterruptedException {
        pods.startAndSync(timeout);
        connects.startAndSync(timeout);
    }

    boolean hasSynced() {
        return connects.hasSynced() && pods.hasSynced();
    }

    List<String> watchProblems() {
        List<String> problems = new ArrayList<>(connects.problems());
        problems.addAll(pods.problems());
        return problems;
    }

    SparkConnect connect(ResourceKey key) {
        return connects.get(key.namespace(), key.name());
    }

    Pod pod(String namespace, String name) {
        return pods.get(namespace, name);
    }

    /** Every cached pod labelled with this SparkConnect's name: its server and its executors. */
    List<Pod> podsOf(ResourceKey connect) {
        return pods.byIndex(connect.namespace(), BY_CONNECT, connect.namespace() + "/" + connect.name());
    }

    void stop() {
        connects.stop();
        pods.stop();
    }
}
