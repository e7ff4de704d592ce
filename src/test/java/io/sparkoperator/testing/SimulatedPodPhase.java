package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** The phases the {@link SimulatedKubelet} moves a pod through, in order; {@link #NEW} is a pod with no status yet. */
public enum SimulatedPodPhase {
    NEW(""), PENDING("Pending"), RUNNING("Running"), SUCCEEDED("Succeeded"), FAILED("Failed");

    private final String phase;

    SimulatedPodPhase(String phase) {
        this.phase = phase;
    }

    /** The {@code status.phase} string. */
    public String phase() {
        return phase;
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** Where a pod stands now, read from its status; phases this kubelet does not make (Unknown) count as NEW. */
    static SimulatedPodPhase of(Pod pod) {
        String phase = Optional.ofNullable(pod.getStatus()).map(s -> s.getPhase()).orElse("");
        for (SimulatedPodPhase candidate : values()) {
            if (candidate.phase.equals(phase)) {
                return candidate;
            }
        }
        return NEW;
    }

    /** The phase named in a hold annotation ("Pending", "Running"), case-insensitively. */
    static Optional<SimulatedPodPhase> named(String phase) {
        for (SimulatedPodPhase candidate : values()) {
            if (candidate != NEW && candidate.phase.equalsIgnoreCase(phase.strip())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
