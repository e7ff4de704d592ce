package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a pod's own status says happened to it, in the words of the kubelet or the scheduler: evicted, past its
 * deadline, preempted or deleted for a node taint, out of memory, an image that cannot be pulled, no node that fits.
 * These lead a driver's error message, so {@code errorMessage} and the Events say why, not only an exit code.
 */
final class PodTrouble {
    /** Container waiting reasons that do not pass by themselves (ContainerCreating and PodInitializing do). */
    static final Set<String> STUCK_WAITING = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
            "CrashLoopBackOff");
    static final String OOM_KILLED = "OOMKilled";
    private static final String DISRUPTION_TARGET = "DisruptionTarget";

    private PodTrouble() {
    }

    /**
     * Why a pod ended or is being taken away: its status reason (Evicted, DeadlineExceeded, NodeLost, Shutdown...),
     * else its DisruptionTarget condition (PreemptionByScheduler, DeletionByTaintManager, EvictionByEvictionAPI,
     * TerminationByKubelet), else an OOMKilled driver container.
     */
    static Optional<String> ending(Pod pod, ContainerStateTerminated driverContainer) {
        PodStatus status = pod.getStatus();
        if (status != null && present(status.getReason())) {
            return Optional.of("driver pod " + status.getReason() + suffix(status.getMessage()));
        }
        Optional<PodCondition> disruption = condition(pod, DISRUPTION_TARGET, "True");
        if (disruption.isPresent()) {
            return Optional.of("driver pod disrupted (" + disruption.get().getReason() + ")"
                    + suffix(disruption.get().getMessage()));
        }
        if (driverContainer != null && OOM_KILLED.equals(driverContainer.getReason())) {
            return Optional.of("driver container OOMKilled: it used more memory than its limit (raise "
                    + "spec.driver.memory or spec.driver.memoryOverhead)");
        }
        return Optional.empty();
    }

    /**
     * Why a pod that has not ended cannot go on: its status reason (NodeLost), being taken away, a container stuck
     * waiting (an image that cannot be pulled, a missing ConfigMap or Secret), or no node that fits it.
     */
    static Optional<String> waiting(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        if (present(status.getReason())) { // e.g. NodeLost on a pod whose phase became Unknown
            return Optional.of("driver pod " + status.getReason() + suffix(status.getMessage()));
        }
        Optional<String> going = pod.getMetadata().getDeletionTimestamp() == null ? Optional.empty()
                : ending(pod, null).map(cause -> cause + " (the pod is being deleted)");
        if (going.isPresent()) {
            return going;
        }
        Optional<String> stuck = Stream.concat(containers(status.getInitContainerStatuses()),
                        containers(status.getContainerStatuses()))
                .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .filter(c -> STUCK_WAITING.contains(c.getState().getWaiting().getReason()))
                .findFirst()
                .map(c -> describe(c.getName(), c.getState().getWaiting()));
        if (stuck.isPresent()) {
            return stuck;
        }
        return condition(pod, "PodScheduled", "False")
                .filter(c -> "Unschedulable".equals(c.getReason()))
                .map(c -> "driver pod Unschedulable" + suffix(c.getMessage()));
    }

    private static String describe(String container, ContainerStateWaiting waiting) {
        return "container " + container + " is waiting: " + waiting.getReason() + suffix(waiting.getMessage());
    }

    private static Stream<ContainerStatus> containers(List<ContainerStatus> statuses) {
        return statuses == null ? Stream.empty() : statuses.stream();
    }

    private static Optional<PodCondition> condition(Pod pod, String type, String value) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions == null ? Optional.empty() : conditions.stream()
                .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .findFirst();
    }

    private static String suffix(String message) {
        return present(message) ? ": " + message.strip() : "";
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
