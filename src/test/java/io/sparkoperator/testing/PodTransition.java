package io.sparkoperator.testing;

import java.time.Instant;

/**
 * One phase change the {@link SimulatedKubelet} wrote. {@code exitCode} is the main container's, set only when the
 * pod ended ({@code to} is SUCCEEDED or FAILED).
 */
public record PodTransition(String namespace, String name, SimulatedPodPhase from, SimulatedPodPhase to,
        Integer exitCode, Instant at) {
    @Override
    public String toString() {
        return "Pod(" + namespace + "/" + name + ") " + (from == SimulatedPodPhase.NEW ? "created" : from.phase())
                + " -> " + to.phase() + (exitCode == null ? "" : " (exit code " + exitCode + ")");
    }
}
