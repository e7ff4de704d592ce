package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;

/**
 * {@code SparkApplication.spec} (as in the Go operator). Every field may be absent ({@code null}); the CRD marks
 * {@code type}, {@code sparkVersion}, {@code mainApplicationFile}, {@code driver} and {@code executor} required.
 * {@code failureRetries} and {@code retryInterval} are legacy fields, kept so old manifests read, and unused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SparkApplicationSpec(
        ApplicationType type,
        String sparkVersion,
        DeployMode mode,
        String proxyUser,
        String image,
        String imagePullPolicy,
        List<String> imagePullSecrets,
        String mainClass,
        String mainApplicationFile,
        List<String> arguments,
        Map<String, String> sparkConf,
        Map<String, String> hadoopConf,
        String sparkConfigMap,
        String hadoopConfigMap,
        List<Volume> volumes,
        DriverSpec driver,
        ExecutorSpec executor,
        Dependencies deps,
        RestartPolicy restartPolicy,
        Map<String, String> nodeSelector,
        Integer failureRetries,
        Long retryInterval,
        String pythonVersion,
        String memoryOverheadFactor,
        MonitoringSpec monitoring,
        String batchScheduler,
        Long timeToLiveSeconds,
        BatchSchedulerConfiguration batchSchedulerOptions,
        SparkUIConfiguration sparkUIOptions,
        List<DriverIngressConfiguration> driverIngressOptions,
        DynamicAllocation dynamicAllocation,
        Boolean driverPodDisruptionBudget,
        Boolean suspend) {

    /** {@code suspend} as a plain boolean (absent means false). Not a JSON property: it must not be written. */
    @JsonIgnore
    public boolean isSuspended() {
        return Boolean.TRUE.equals(suspend);
    }
}
