package io.sparkoperator.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.sparkoperator.batch.BatchSettings;
import io.sparkoperator.logging.LogSettings;
import io.sparkoperator.metrics.MetricsSettings;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.submit.WorkerSettings;
import io.sparkoperator.ui.UiServiceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the operator is told at start, from flags and environment ({@link OperatorFlags}). Immutable; each
 * component gets the part it needs when {@code Main} wires them.
 *
 * @param namespaces          namespaces to watch; empty means all
 * @param labelSelectorFilter only SparkApplications matching this are handled; {@code null} means all
 * @param metricsBindAddress  where {@code /metrics} is served; empty when {@code --enable-metrics=false} or {@code 0}
 * @param sparkHome           where {@code bin/spark-submit} is; empty when neither flag nor SPARK_HOME says
 * @param sparkSubmitMaster   {@code --master} for spark-submit; empty means derive it from the pod's environment
 * @param controllerThreads   reconciliations running at once per kind; more wait in a queue
 * @param workDir             where spark-submit's pod template files and start-up cache live
 * @param apiServerUnavailableTimeout how long submissions failing on an unreachable API server are retried free
 * @param batch               batch schedulers and the driver PodDisruptionBudget ({@code --enable-batch-scheduler}...)
 * @param submissionWorker    warm or cold submission, and when a submission worker is replaced
 */
public record OperatorConfig(
        List<String> namespaces,
        LabelSelector labelSelectorFilter,
        Duration driverPodCreationGracePeriod,
        UiServiceOptions uiService,
        LeaderElectionOptions leaderElection,
        Optional<BindAddress> metricsBindAddress,
        BindAddress healthProbeBindAddress,
        MetricsSettings metrics,
        String metricsEndpoint,
        LogSettings logging,
        Duration sparkSubmitTimeout,
        int sparkSubmitConcurrency,
        String sparkHome,
        String sparkSubmitMaster,
        long defaultTimeToLiveSeconds,
        int maxTrackedExecutorPerApp,
        Duration cacheSyncTimeout,
        Duration shutdownTimeout,
        int controllerThreads,
        Path workDir,
        Duration apiServerUnavailableTimeout,
        BatchSettings batch,
        WorkerSettings submissionWorker) {

    public OperatorConfig {
        namespaces = List.copyOf(namespaces);
    }

    public boolean watchesAllNamespaces() {
        return namespaces.isEmpty();
    }
}
