package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.Labels;
import java.util.List;
import java.util.Objects;

/**
 * The driver's state read from its pod (as the Go operator reads it), with the error message a FAILED driver
 * persists, or for a driver that has not ended what holds it up ({@code trouble}: an image that cannot be pulled, no
 * node, being deleted), both led by the pod's own reason. Keyed on the {@code spark-kubernetes-driver} container so
 * sidecars that keep the pod Running do not hide the end.
 */
public record DriverStatus(DriverState state, String errorMessage, String trouble) {
    static final String STATUS_MISSING = "driver container status missing";

    public static DriverStatus of(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        ContainerStateTerminated terminated = driverContainerTerminated(pod);
        DriverState state = switch (phase == null ? "" : phase) {
            case "Pending" -> DriverState.PENDING;
            case "Running" -> terminated == null ? DriverState.RUNNING : exitedZero(terminated);
            case "Succeeded" -> DriverState.COMPLETED;
            case "Failed" -> terminated == null ? DriverState.FAILED : exitedZero(terminated);
            default -> DriverState.UNKNOWN;
        };
        if (state == DriverState.FAILED) {
            return new DriverStatus(state, failureMessage(pod, terminated), null);
        }
        return new DriverStatus(state, null, state.isTerminal() ? null : PodTrouble.waiting(pod).orElse(null));
    }

    private static DriverState exitedZero(ContainerStateTerminated terminated) {
        return exitCode(terminated) == 0 ? DriverState.COMPLETED : DriverState.FAILED;
    }

    /** The pod's own reason first when it has one, then (as the Go operator says it) the container's exit. */
    private static String failureMessage(Pod pod, ContainerStateTerminated terminated) {
        String exit = terminated == null ? null : "driver container failed with ExitCode: " + exitCode(terminated)
                + ", Reason: " + Objects.toString(terminated.getReason(), "");
        return PodTrouble.ending(pod, terminated).map(cause -> exit == null ? cause : cause + "; " + exit)
                .orElse(exit == null ? STATUS_MISSING : exit);
    }

    private static int exitCode(ContainerStateTerminated terminated) {
        return terminated.getExitCode() == null ? 0 : terminated.getExitCode();
    }

    private static ContainerStateTerminated driverContainerTerminated(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (statuses == null) {
            return null;
        }
        return statuses.stream()
                .filter(c -> Labels.DRIVER_CONTAINER.equals(c.getName()))
                .filter(c -> c.getState() != null && c.getState().getTerminated() != null)
                .map(c -> c.getState().getTerminated())
                .findFirst()
                .orElse(null);
    }
}
