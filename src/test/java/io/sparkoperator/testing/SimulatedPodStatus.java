package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pod status a kubelet reports in each phase, built the way a real one looks: conditions, a pod IP, and one
 * container status per container (waiting, running, then terminated with an exit code). The main container, whose
 * exit code decides Succeeded or Failed, is Spark's ({@code spark-kubernetes-driver} / {@code -executor}) or else
 * the first; other containers (sidecars) end with 0. Pure: no client calls.
 */
final class SimulatedPodStatus {
    static final List<String> SPARK_CONTAINERS = List.of("spark-kubernetes-driver", "spark-kubernetes-executor");

    private SimulatedPodStatus() {
    }

    /** The status of {@code pod} in phase {@code to}; {@code exitCode} matters only for a terminal phase. */
    static PodStatus of(Pod pod, SimulatedPodPhase to, int exitCode, Instant now) {
        String time = now.toString();
        String started = Optional.ofNullable(pod.getStatus()).map(PodStatus::getStartTime).orElse(time);
        String main = mainContainer(pod).map(Container::getName).orElse(null);
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            int code = container.getName().equals(main) ? exitCode : 0;
            containers.add(containerStatus(container, to, code, started, time));
        }
        PodStatusBuilder status = new PodStatusBuilder()
                .withPhase(to.phase())
                .withQosClass("Burstable")
                .withConditions(conditions(to, time))
                .withContainerStatuses(containers);
        if (to != SimulatedPodPhase.PENDING) {
            status.withStartTime(started).withHostIP("10.0.0.1").withPodIP(podIp(pod));
        }
        return status.build();
    }

    static Optional<Container> mainContainer(Pod pod) {
        List<Container> containers = pod.getSpec().getContainers();
        return containers.stream().filter(c -> SPARK_CONTAINERS.contains(c.getName())).findFirst()
                .or(() -> containers.stream().findFirst());
    }

    private static ContainerStatus containerStatus(Container container, SimulatedPodPhase to, int exitCode,
            String started, String now) {
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withReady(to == SimulatedPodPhase.RUNNING)
                .withStarted(to == SimulatedPodPhase.RUNNING)
                .withRestartCount(0);
        switch (to) {
            case PENDING -> status.withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting()
                    .endState();
            case RUNNING -> status.withNewState().withNewRunning().withStartedAt(now).endRunning().endState();
            case SUCCEEDED, FAILED -> status.withNewState().withNewTerminated()
                    .withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error")
                    .withStartedAt(started)
                    .withFinishedAt(now)
                    .endTerminated().endState();
            case NEW -> throw new IllegalArgumentException("no status is written for a new pod");
        }
        return status.build();
    }

    private static List<PodCondition> conditions(SimulatedPodPhase to, String now) {
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition("PodScheduled", "True", null, now));
        if (to == SimulatedPodPhase.PENDING) {
            return conditions;
        }
        conditions.add(condition("Initialized", "True", null, now));
        String ready = to == SimulatedPodPhase.RUNNING ? "True" : "False";
        String reason = to == SimulatedPodPhase.RUNNING ? null : "PodCompleted";
        conditions.add(condition("ContainersReady", ready, reason, now));
        conditions.add(condition("Ready", ready, reason, now));
        return conditions;
    }

    private static PodCondition condition(String type, String status, String reason, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withLastTransitionTime(now).build();
    }

    /** A stable address per pod name, in the usual pod CIDR. */
    private static String podIp(Pod pod) {
        int hash = pod.getMetadata().getName().hashCode();
        return "10.244." + ((hash >>> 8) & 0xff) + "." + (1 + (hash & 0xff) % 254);
    }
}
