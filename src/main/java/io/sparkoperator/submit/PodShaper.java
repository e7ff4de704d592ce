package io.sparkoperator.submit;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.NamePath;
import io.sparkoperator.api.Port;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges one side's pod-shaping fields onto a copy of its {@code template}, as the Go operator's pod webhook did
 * after creation (in the Go operator's webhook order). Lists are appended, single values replace.
 */
final class PodShaper {
    static final String SPARK_CONF_VOLUME = "spark-configmap-volume";
    static final String SPARK_CONF_DIR = "/etc/spark/conf";
    static final String HADOOP_CONF_VOLUME = "hadoop-configmap-volume";
    static final String HADOOP_CONF_DIR = "/etc/hadoop/conf";

    private PodShaper() {
    }

    static Pod shape(SparkApplication app, PodRole role, List<String> warnings) {
        SparkApplicationSpec spec = app.getSpec();
        SparkPodSpec side = role.of(spec);
        Pod pod = copyOf(side.template());
        PodSpec ps = pod.getSpec();
        Container c = sparkContainer(ps, role);

        c.setEnv(concat(c.getEnv(), side.env()));
        c.setEnvFrom(concat(c.getEnvFrom(), side.envFrom()));
        if (notBlank(spec.hadoopConfigMap())) {
            mountConfigMap(ps, c, HADOOP_CONF_VOLUME, spec.hadoopConfigMap(), HADOOP_CONF_DIR, false);
            c.setEnv(concat(c.getEnv(), List.of(new EnvVar("HADOOP_CONF_DIR", HADOOP_CONF_DIR, null))));
        }
        if (notBlank(spec.sparkConfigMap())) {
            mountConfigMap(ps, c, SPARK_CONF_VOLUME, spec.sparkConfigMap(), SPARK_CONF_DIR, false);
            c.setEnv(concat(c.getEnv(), List.of(new EnvVar("SPARK_CONF_DIR", SPARK_CONF_DIR, null))));
        }
        if (side.configMaps() != null) {
            for (NamePath cm : side.configMaps()) {
                mountConfigMap(ps, c, VolumeNames.forConfigMap(cm.name()), cm.name(), cm.path(), true);
            }
        }
        volumes(app, role, side, ps, c, warnings);
        if (side.ports() != null) {
            for (Port p : side.ports()) {
                addPort(c, new ContainerPortBuilder().withName(p.name()).withProtocol(p.protocol())
                        .withContainerPort(p.containerPort()).build());
            }
        }
        if (Boolean.TRUE.equals(side.hostNetwork())) {
            ps.setHostNetwork(true);
            ps.setDnsPolicy("ClusterFirstWithHostNet");
        }
        ps.setHostAliases(concat(ps.getHostAliases(), side.hostAliases()));
        ps.setInitContainers(appendContainers(ps.getInitContainers(), side.initContainers()));
        ps.setContainers(appendContainers(ps.getContainers(), side.sidecars()));
        if (side.dnsConfig() != null) {
            ps.setDnsConfig(side.dnsConfig());
        }
        if (notBlank(side.priorityClassName())) {
            ps.setPriorityClassName(side.priorityClassName());
            ps.setPriority(null);
            ps.setPreemptionPolicy(null);
        }
        String scheduler = notBlank(spec.batchScheduler()) ? spec.batchScheduler() : side.schedulerName();
        if (notBlank(scheduler)) {
            ps.setSchedulerName(scheduler);
        }
        if (side.nodeSelector() != null && !side.nodeSelector().isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(orEmpty(ps.getNodeSelector()));
            merged.putAll(side.nodeSelector());
            ps.setNodeSelector(merged);
        }
        if (side.affinity() != null) {
            ps.setAffinity(side.affinity());
        }
        ps.setTolerations(concat(ps.getTolerations(), side.tolerations()));
        if (side.podSecurityContext() != null) {
            ps.setSecurityContext(side.podSecurityContext());
        }
        if (side.securityContext() != null) {
            c.setSecurityContext(side.securityContext());
        }
        if (side.gpu() != null && notBlank(side.gpu().name()) && side.gpu().quantity() != null) {
            ResourceRequirements r = c.getResources() != null ? c.getResources() : new ResourceRequirements();
            Map<String, Quantity> limits = new LinkedHashMap<>(orEmpty(r.getLimits()));
            limits.put(side.gpu().name(), new Quantity(Long.toString(side.gpu().quantity())));
            r.setLimits(limits);
            c.setResources(r);
        }
        if (side.terminationGracePeriodSeconds() != null) {
            ps.setTerminationGracePeriodSeconds(side.terminationGracePeriodSeconds());
        }
        if (side.lifecycle() != null) {
            c.setLifecycle(side.lifecycle());
        }
        if (Boolean.TRUE.equals(side.shareProcessNamespace())) {
            ps.setShareProcessNamespace(true);
        }
        PrometheusMonitoring.of(app).filter(p -> p.exposes(role)).ifPresent(p -> {
            if (p.mountsConfigMap()) {
                mountConfigMap(ps, c, VolumeNames.forConfigMap(p.configMapName()), p.configMapName(),
                        PrometheusMonitoring.CONF_DIR, false);
            }
            addPort(c, new ContainerPortBuilder().withName(p.portName()).withProtocol("TCP")
                    .withContainerPort(p.port()).build());
        });
        if (notBlank(side.memoryLimit())) {
            warnings.add("spec." + role.roleName() + ".memoryLimit (" + side.memoryLimit() + ") is not applied:"
                    + " Spark sets the container memory limit itself to memory + memoryOverhead; set spec."
                    + role.roleName() + ".memoryOverhead to change it");
        }
        // Detach from the spec objects assigned above (affinity, sidecars, ...), so the result aliases nothing.
        return ApiJson.parse(ApiJson.toJson(pod), Pod.class);
    }

    /** A deep copy of the user's template as a Pod, so the application's objects are never changed. */
    private static Pod copyOf(PodTemplateSpec template) {
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        if (template != null) {
            PodTemplateSpec copy = ApiJson.parse(ApiJson.toJson(template), PodTemplateSpec.class);
            pod.setMetadata(copy.getMetadata());
            pod.setSpec(copy.getSpec());
        }
        if (pod.getMetadata() == null) {
            pod.setMetadata(new ObjectMeta());
        }
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        return pod;
    }

    /** The container Spark will pick: the one named for the role, else the first; created when there is none. */
    private static Container sparkContainer(PodSpec ps, PodRole role) {
        List<Container> containers = new ArrayList<>(orEmpty(ps.getContainers()));
        Optional<Container> named = containers.stream().filter(x -> role.containerName().equals(x.getName())).findFirst();
        if (named.isPresent()) {
            return named.get();
        }
        if (!containers.isEmpty()) {
            return containers.get(0);
        }
        Container c = new Container();
        c.setName(role.containerName());
        containers.add(c);
        ps.setContainers(containers);
        return c;
    }

    /** Non-local-dir mounts: the named {@code spec.volumes} entry (or one already in the template) plus the mount. */
    private static void volumes(SparkApplication app, PodRole role, SparkPodSpec side, PodSpec ps, Container c,
            List<String> warnings) {
        if (side.volumeMounts() == null) {
            return;
        }
        for (VolumeMount m : side.volumeMounts()) {
            if (LocalDirVolumes.isLocalDir(m.getName())) {
                continue;
            }
            Optional<Volume> v = LocalDirVolumes.find(app.getSpec().volumes(), m.getName());
            boolean inTemplate = orEmpty(ps.getVolumes()).stream().anyMatch(x -> m.getName().equals(x.getName()));
            if (v.isEmpty() && !inTemplate) {
                warnings.add("spec." + role.roleName() + ".volumeMounts: \"" + m.getName()
                        + "\" names no volume in spec.volumes or the template; the mount is skipped");
                continue;
            }
            v.ifPresent(volume -> addVolume(ps, volume));
            c.setVolumeMounts(concat(c.getVolumeMounts(), List.of(m)));
        }
    }

    private static void mountConfigMap(PodSpec ps, Container c, String volumeName, String configMap, String path,
            boolean readOnly) {
        addVolume(ps, new VolumeBuilder().withName(volumeName)
                .withConfigMap(new ConfigMapVolumeSourceBuilder().withName(configMap).build()).build());
        VolumeMountBuilder mount = new VolumeMountBuilder().withName(volumeName).withMountPath(path);
        if (readOnly) {
            mount.withReadOnly(true);
        }
        c.setVolumeMounts(concat(c.getVolumeMounts(), List.of(mount.build())));
    }

    private static void addVolume(PodSpec ps, Volume v) {
        if (orEmpty(ps.getVolumes()).stream().noneMatch(x -> v.getName().equals(x.getName()))) {
            ps.setVolumes(concat(ps.getVolumes(), List.of(v)));
        }
    }

    private static void addPort(Container c, ContainerPort port) {
        c.setPorts(concat(c.getPorts(), List.of(port)));
    }

    /** Appends containers, skipping one whose name and image are already present (as the webhook did). */
    private static List<Container> appendContainers(List<Container> existing, List<Container> extra) {
        List<Container> out = new ArrayList<>(orEmpty(existing));
        for (Container x : orEmpty(extra)) {
            boolean present = out.stream().anyMatch(e -> java.util.Objects.equals(e.getName(), x.getName())
                    && java.util.Objects.equals(e.getImage(), x.getImage()));
            if (!present) {
                out.add(x);
            }
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(orEmpty(a));
        out.addAll(orEmpty(b));
        return out;
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
