package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkConnect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server pod {@code <name>-server}, built as the Go operator builds it: {@code spec.server.template} (labels,
 * annotations, pod spec) with the {@code spark-kubernetes-driver} container (added when absent) running
 * {@link ServerArgs} through {@code bash -c}, TCP probes on 15002 unless the template has its own, {@code POD_IP}
 * and {@code SPARK_NO_DAEMONIZE}, the executor template mounted from {@code <name>-conf}, a preStop hook that stops
 * the server, restartPolicy Never (the operator restarts it, per {@code spec.restartPolicy}), and the server labels.
 * The annotation {@value #SPEC_HASH} fingerprints what was built, so a spec change is seen and rolls the server.
 */
final class ServerPodBuilder {
    static final String SPEC_HASH = Labels.PREFIX + "server-spec-hash";

    private ServerPodBuilder() {
    }

    static Pod build(SparkConnect connect, String masterUrl, String executorTemplateYaml)
            throws InvalidConnectException {
        String name = connect.getMetadata().getName();
        PodTemplateSpec template = connect.getSpec().server() == null ? null : connect.getSpec().server().template();
        template = template == null ? new PodTemplateSpec() : ApiJson.parse(ApiJson.toJson(template),
                PodTemplateSpec.class); // a copy: the cached object stays as read
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        PodSpec podSpec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        List<Container> containers = podSpec.getContainers() == null ? new ArrayList<>()
                : new ArrayList<>(podSpec.getContainers());
        int index = 0;
        for (int i = 0; i < containers.size(); i++) {
            if (Labels.DRIVER_CONTAINER.equals(containers.get(i).getName())) {
                index = i;
                break;
            }
        }
        if (containers.isEmpty()) {
            containers.add(new ContainerBuilder().withName(Labels.DRIVER_CONTAINER).build());
        }
        Container server = containers.get(index);
        if (server.getImage() == null || server.getImage().isEmpty()) {
            if (connect.getSpec().image() == null || connect.getSpec().image().isEmpty()) {
                throw new InvalidConnectException("image is not specified: set spec.image or the image of the "
                        + Labels.DRIVER_CONTAINER + " container in spec.server.template");
            }
            server.setImage(connect.getSpec().image());
        }
        server.setCommand(List.of("bash", "-c"));
        server.setArgs(List.of(String.join(" ", ServerArgs.of(connect, masterUrl))));
        if (server.getStartupProbe() == null) {
            server.setStartupProbe(tcpProbe(5, 10, 30));
        }
        if (server.getReadinessProbe() == null) {
            server.setReadinessProbe(tcpProbe(null, 10, 3));
        }
        List<EnvVar> env = server.getEnv() == null ? new ArrayList<>() : new ArrayList<>(server.getEnv());
        env.add(new EnvVarBuilder().withName("POD_IP").withNewValueFrom().withNewFieldRef()
                .withFieldPath("status.podIP").endFieldRef().endValueFrom().build());
        env.add(new EnvVarBuilder().withName("SPARK_NO_DAEMONIZE").withValue("true").build());
        server.setEnv(env);
        var mounts = server.getVolumeMounts() == null ? new ArrayList<io.fabric8.kubernetes.api.model.VolumeMount>()
                : new ArrayList<>(server.getVolumeMounts());
        mounts.add(new VolumeMountBuilder().withName(ConnectNames.CONF_VOLUME)
                .withSubPath(ConnectNames.EXECUTOR_TEMPLATE_FILE).withMountPath(ConnectNames.EXECUTOR_TEMPLATE_PATH)
                .withReadOnly(true).build());
        server.setVolumeMounts(mounts);
        server.setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder().withNewPreStop().withNewExec()
                .withCommand("bash", "-c", "${SPARK_HOME}/sbin/stop-connect-server.sh").endExec().endPreStop()
                .build());
        podSpec.setContainers(containers);
        var volumes = podSpec.getVolumes() == null ? new ArrayList<io.fabric8.kubernetes.api.model.Volume>()
                : new ArrayList<>(podSpec.getVolumes());
        volumes.add(new VolumeBuilder().withName(ConnectNames.CONF_VOLUME).withNewConfigMap()
                .withName(ConnectNames.configMap(name)).addNewItem().withKey(ConnectNames.EXECUTOR_TEMPLATE_FILE)
                .withPath(ConnectNames.EXECUTOR_TEMPLATE_FILE).endItem().endConfigMap().build());
        podSpec.setVolumes(volumes);
        podSpec.setRestartPolicy("Never");

        Map<String, String> labels = new LinkedHashMap<>();
        if (templateMeta.getLabels() != null) {
            labels.putAll(templateMeta.getLabels());
        }
        labels.putAll(ConnectNames.serverLabels(connect));
        Map<String, String> annotations = new LinkedHashMap<>();
        if (templateMeta.getAnnotations() != null) {
            annotations.putAll(templateMeta.getAnnotations());
        }
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(ConnectNames.serverPod(name));
        meta.setNamespace(connect.getMetadata().getNamespace());
        meta.setLabels(labels);
        meta.setOwnerReferences(List.of(ConnectOwner.reference(connect)));
        pod.setMetadata(meta);
        pod.setSpec(podSpec);
        annotations.put(SPEC_HASH, hash(ApiJson.toJson(pod) + annotations + executorTemplateYaml));
        meta.setAnnotations(annotations);
        return pod;
    }

    /** The fingerprint a pod was built with; null for a pod without one (e.g. made by another operator). */
    static String hashOf(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SPEC_HASH);
    }

    private static Probe tcpProbe(Integer initialDelay, int period, int failures) {
        return new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(ConnectNames.CONNECT_PORT))
                .endTcpSocket().withInitialDelaySeconds(initialDelay).withPeriodSeconds(period)
                .withTimeoutSeconds(1).withFailureThreshold(failures).build();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
