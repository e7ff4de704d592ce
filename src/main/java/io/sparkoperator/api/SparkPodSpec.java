package io.sparkoperator.api;

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

/**
 * The fields the Go operator inlines into both {@code driver} and {@code executor}, plus
 * the few both sides add again ({@code coreRequest}, {@code javaOptions}, {@code lifecycle}, {@code ports},
 * {@code priorityClassName}). Records cannot inherit, so {@link DriverSpec} and {@link ExecutorSpec} declare these
 * components and code that treats both sides alike works through this interface.
 */
public interface SparkPodSpec {
    PodTemplateSpec template();

    Integer cores();

    String coreLimit();

    String coreRequest();

    String memory();

    String memoryLimit();

    String memoryOverhead();

    GPUSpec gpu();

    String image();

    List<NamePath> configMaps();

    List<SecretInfo> secrets();

    List<EnvVar> env();

    Map<String, String> envVars();

    List<EnvFromSource> envFrom();

    Map<String, NameKey> envSecretKeyRefs();

    Map<String, String> labels();

    Map<String, String> annotations();

    List<VolumeMount> volumeMounts();

    Affinity affinity();

    List<Toleration> tolerations();

    PodSecurityContext podSecurityContext();

    SecurityContext securityContext();

    String schedulerName();

    List<Container> sidecars();

    List<Container> initContainers();

    Boolean hostNetwork();

    Map<String, String> nodeSelector();

    PodDNSConfig dnsConfig();

    Long terminationGracePeriodSeconds();

    String serviceAccount();

    List<HostAlias> hostAliases();

    Boolean shareProcessNamespace();

    String javaOptions();

    Lifecycle lifecycle();

    List<Port> ports();

    String priorityClassName();
}
