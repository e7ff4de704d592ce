package io.sparkoperator.hardening;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.Labels;
import java.util.List;

/**
 * Stands in for the kubelet by writing driver pod status as a kubelet would: one step at a time when a test says
 * so ({@link #step}), or, with {@link #autoComplete}, every driver Pending -> Running -> Succeeded in the background.
 */
final class Kubelet implements AutoCloseable {
    private final KubernetesClient client;
    private volatile Thread loop;

    Kubelet(KubernetesClient client) {
        this.client = client;
    }

    /** Sets the phase of one driver pod (Running, Succeeded or Failed; the exit code for the last two). */
    void step(String namespace, String pod, String phase) {
        Pod p = client.pods().inNamespace(namespace).withName(pod).get();
        if (p == null) {
            throw new AssertionError("no driver pod " + namespace + "/" + pod);
        }
        setPhase(p, phase);
    }

    Kubelet autoComplete() {
        loop = Thread.ofVirtual().name("kubelet").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (Pod pod : client.pods().inAnyNamespace().withLabel(Labels.SPARK_ROLE, Labels.ROLE_DRIVER)
                            .list().getItems()) {
                        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                        if ("Pending".equals(phase)) {
                            setPhase(pod, "Running");
                        } else if ("Running".equals(phase)) {
                            setPhase(pod, "Succeeded");
                        }
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (KubernetesClientException e) {
                    // a pod changed or vanished meanwhile: try again on the next round
                }
            }
        });
        return this;
    }

    private void setPhase(Pod pod, String phase) {
        pod.getStatus().setPhase(phase);
        var container = new ContainerStatusBuilder().withName(Labels.DRIVER_CONTAINER).withReady("Running".equals(phase));
        if ("Running".equals(phase)) {
            container.withNewState().withNewRunning().endRunning().endState();
        } else {
            int exit = "Succeeded".equals(phase) ? 0 : 1;
            container.withNewState().withNewTerminated().withExitCode(exit)
                    .withReason(exit == 0 ? "Completed" : "Error").endTerminated().endState();
        }
        pod.getStatus().setContainerStatuses(List.of(container.build()));
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
    }

    @Override
    public void close() throws InterruptedException {
        Thread t = loop;
        if (t != null) {
            t.interrupt();
            t.join(5000);
        }
    }
}
