package io.sparkoperator.state;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.Labels;
import java.util.List;
import java.util.Objects;

/**
 * The driver's state read from its pod (reference 4.1), with the error message a FAILED driver persists.
 * Keyed on the {@code spark-kubernetes-driver} container so sidecars that keep the pod Running do not hide the end.
 */
public record DriverStatus(DriverState state, String errorMessage) {
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
        return new DriverStatus(state, state == DriverState.FAILED ? failureMessage(terminated) : null);
    }

    private static DriverState exitedZero(ContainerStateTerminated terminated) {
        return exitCode(terminated) == 0 ? DriverState.COMPLETED : DriverState.FAILED;
    }

    private static String failureMessage(ContainerStateTerminated terminated) {
        if (terminated == null) {
            return STATUS_MISSING;
        }
        return "driver container failed with ExitCode: " + exitCode(terminated) + ", Reason: "
                + Objects.toString(terminated.getReason(), "");
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
