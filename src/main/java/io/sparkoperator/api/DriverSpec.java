package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/** {@code spec.driver} (as in the Go operator): the shared pod fields plus the driver-only ones at the end. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriverSpec(
        PodTemplateSpec template,
        Integer cores,
        String coreLimit,
        String coreRequest,
        String memory,
        String memoryLimit,
        String memoryOverhead,
        GPUSpec gpu,
        String image,
        List<NamePath> configMaps,
        List<SecretInfo> secrets,
        List<EnvVar> env,
        Map<String, String> envVars,
        List<EnvFromSource> envFrom,
        Map<String, NameKey> envSecretKeyRefs,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<VolumeMount> volumeMounts,
        Affinity affinity,
        List<Toleration> tolerations,
        PodSecurityContext podSecurityContext,
        SecurityContext securityContext,
        String schedulerName,
        List<Container> sidecars,
        List<Container> initContainers,
        Boolean hostNetwork,
        Map<String, String> nodeSelector,
        PodDNSConfig dnsConfig,
        Long terminationGracePeriodSeconds,
        String serviceAccount,
        List<HostAlias> hostAliases,
        Boolean shareProcessNamespace,
        String javaOptions,
        Lifecycle lifecycle,
        List<Port> ports,
        String priorityClassName,
        String podName,
        String kubernetesMaster,
        Map<String, String> serviceAnnotations,
        Map<String, String> serviceLabels) implements SparkPodSpec {
}
