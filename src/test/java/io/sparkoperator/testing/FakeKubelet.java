package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.Labels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the kubelet: moves each new driver pod Pending -> Running, then (unless told to keep running) to
 * Succeeded or Failed with the driver container's exit code, by writing pod status as a kubelet would.
 */
public final class FakeKubelet implements AutoCloseable {
    /** EVICT: what a kubelet writes when it evicts the driver for node memory pressure (seen on a real 1.32 node). */
    public enum Plan { KEEP_RUNNING, SUCCEED, FAIL, EVICT }
    public static final String EVICTION_MESSAGE = "The node was low on resource: memory. Threshold quantity: 100Mi,"
            + " available: 94788Ki. Container spark-kubernetes-driver was using 1811020Ki, request is 1Gi, has larger"
            + " consumption of memory. ";

    private final KubernetesClient client;
    private final Map<String, Integer> steps = new ConcurrentHashMap<>();
    private final Thread loop;
    public volatile Plan plan;
    private volatile boolean closed;

    public FakeKubelet(KubernetesClient client, Plan plan) {
        this.client = client;
        this.plan = plan;
        this.loop = Thread.ofVirtual().name("fake-kubelet").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                for (Pod pod : client.pods().inAnyNamespace().withLabel(Labels.SPARK_ROLE, Labels.ROLE_DRIVER)
                        .list().getItems()) {
                    advance(pod);
                }
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            } catch (KubernetesClientException | IllegalStateException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void advance(Pod pod) {
        String key = pod.getMetadata().getUid();
        int step = steps.getOrDefault(key, 0);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (step == 0 && "Pending".equals(phase)) {
            setPhase(pod, "Running", null);
            steps.put(key, 1);
        } else if (step == 1 && plan == Plan.EVICT) {
            pod.getStatus().setReason("Evicted");
            pod.getStatus().setMessage(EVICTION_MESSAGE);
            pod.getStatus().setConditions(java.util.List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                    .withType("DisruptionTarget").withStatus("True").withReason("TerminationByKubelet")
                    .withMessage(EVICTION_MESSAGE).build()));
            setPhase(pod, "Failed", 137);
            steps.put(key, 2);
        } else if (step == 1 && plan != Plan.KEEP_RUNNING) {
            setPhase(pod, plan == Plan.SUCCEED ? "Succeeded" : "Failed", plan == Plan.SUCCEED ? 0 : 1);
            steps.put(key, 2);
        }
    }

    private void setPhase(Pod pod, String phase, Integer exitCode) {
        pod.getStatus().setPhase(phase);
        var container = new ContainerStatusBuilder().withName(Labels.DRIVER_CONTAINER).withReady("Running".equals(phase));
        if (exitCode == null) {
            container.withNewState().withNewRunning().endRunning().endState();
        } else {
            container.withNewState().withNewTerminated().withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error").endTerminated().endState();
        }
        pod.getStatus().setContainerStatuses(java.util.List.of(container.build()));
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
    }

    @Override
    public void close() {
        closed = true;
        loop.interrupt();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
