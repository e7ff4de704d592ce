package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.runtime.Backoff;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.ReconcileObserver;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.SimulatedKubelet;
import io.sparkoperator.testing.WarpTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The mock API server with the SparkConnect controller running on it (time 50x faster, as in TestOperator) and a
 * manual simulated kubelet: a test steps pods and waits for what the controller makes of it.
 */
final class ConnectCluster implements AutoCloseable {
    static final String NS = "default";
    static final String MASTER = "k8s://https://10.96.0.1:443";

    final MockCluster mock = new MockCluster();
    final KubernetesClient client = mock.client;
    final WarpTime clock = new WarpTime(50);
    final SimulatedKubelet kubelet = SimulatedKubelet.builder(client).clock(clock).start();
    final SparkConnectController controller;

    ConnectCluster() throws Exception {
        EventRecorder events = new EventRecorder(client, clock, "test-operator");
        controller = new SparkConnectController(client, new SparkConnectController.Settings(List.of(),
                Duration.ofSeconds(20), new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2)), clock::scheduler,
                Duration.ofMinutes(1), 4),
                caches -> new SparkConnectReconciler(client, caches, events, clock, MASTER), ReconcileObserver.none());
        controller.start();
    }

    static String example(String file) {
        try {
            return Files.readString(Path.of("examples", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SparkConnect create(String yaml) {
        SparkConnect connect = ApiJson.parse(yaml, SparkConnect.class);
        return client.resources(SparkConnect.class).inNamespace(NS).resource(connect).create();
    }

    SparkConnect get(String name) {
        return client.resources(SparkConnect.class).inNamespace(NS).withName(name).get();
    }

    String state(String name) {
        SparkConnect connect = get(name);
        return connect == null || connect.getStatus() == null ? null : connect.getStatus().state();
    }

    Pod pod(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    /** The pod's uid, null when there is no such pod (one read, so a pod deleted meanwhile cannot fail a test). */
    String uid(String name) {
        Pod pod = pod(name);
        return pod == null ? null : pod.getMetadata().getUid();
    }

    /** An executor pod as the server's Spark would create it (labels from the server's executor label confs). */
    Pod executor(String connect, int id) {
        Pod pod = new PodBuilder().withNewMetadata().withName(connect + "-exec-" + id).withNamespace(NS)
                .withLabels(ConnectNames.executorLabels(connect))
                .addToLabels("spark-exec-id", String.valueOf(id))
                .addToAnnotations(SimulatedKubelet.HOLD_ANNOTATION, "Running").endMetadata()
                .withNewSpec().addNewContainer().withName("spark-kubernetes-executor").withImage("spark:4.1.1")
                .endContainer().endSpec().build();
        return client.pods().inNamespace(NS).resource(pod).create();
    }

    List<String> eventReasons(String connect) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> connect.equals(e.getInvolvedObject().getName())
                        && "SparkConnect".equals(e.getInvolvedObject().getKind()))
                .map(Event::getReason).toList();
    }

    void await(String what, BooleanSupplier condition, Supplier<String> seen) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; saw " + seen.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void awaitState(String name, String state) {
        await(name + " " + state, () -> state.equals(state(name)), () -> ApiJson.toJson(get(name).getStatus()));
    }

    @Override
    public void close() {
        controller.stop(Duration.ofSeconds(5), true);
        kubelet.close();
        mock.close();
    }
}
