package io.sparkoperator;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.sparkoperator.controller.LeaderElectionOptions;
import io.sparkoperator.controller.UiServiceOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the operator is told at start, from flags and environment ({@link OperatorFlags}). Immutable; each
 * component gets the part it needs when {@link Main} wires them.
 *
 * @param namespaces          namespaces to watch; empty means all
 * @param labelSelectorFilter only SparkApplications matching this are handled; {@code null} means all
 */
public record OperatorConfig(
        List<String> namespaces,
        LabelSelector labelSelectorFilter,
        Duration driverPodCreationGracePeriod,
        UiServiceOptions uiService,
        LeaderElectionOptions leaderElection,
        Optional<BindAddress> metricsBindAddress,
        Optional<BindAddress> healthProbeBindAddress,
        LogLevel logLevel,
        LogEncoder logEncoder,
        Duration sparkSubmitTimeout,
        int sparkSubmitConcurrency,
        long defaultTimeToLiveSeconds,
        int maxTrackedExecutorPerApp,
        Duration cacheSyncTimeout,
        Duration shutdownTimeout) {

    public OperatorConfig {
        namespaces = List.copyOf(namespaces);
    }

    public boolean watchesAllNamespaces() {
        return namespaces.isEmpty();
    }

    /** {@code --log-level}. */
    public enum LogLevel { DEBUG, INFO, WARN, ERROR }

    /** {@code --log-encoder}: human-readable lines or one JSON object per line. */
    public enum LogEncoder { CONSOLE, JSON }
}
