package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.Labels;
import java.util.List;

/** What a server pod's status says: its phase, whether it is Ready, and why it ended. */
final class ServerPodState {
    private ServerPodState() {
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /** The pod's Ready condition is True (the readiness probe on 15002 passes). */
    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static String message(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getMessage() == null ? "" : pod.getStatus().getMessage();
    }

    /** Why an ended pod ended: the server container's exit code and reason, and the pod's message. */
    static String ending(Pod pod) {
        StringBuilder text = new StringBuilder("server pod " + pod.getMetadata().getName() + " "
                + phase(pod).toLowerCase());
        List<ContainerStatus> containers = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (containers != null) {
            containers.stream().filter(c -> Labels.DRIVER_CONTAINER.equals(c.getName())).findFirst()
                    .or(() -> containers.stream().findFirst())
                    .map(c -> c.getState() == null ? null : c.getState().getTerminated())
                    .ifPresent(t -> text.append(": exit code ").append(t.getExitCode())
                            .append(t.getReason() == null ? "" : " (" + t.getReason() + ")"));
        }
        if (!message(pod).isEmpty()) {
            text.append(": ").append(message(pod));
        }
        return text.toString();
    }
}
