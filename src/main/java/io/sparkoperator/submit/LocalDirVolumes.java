package io.sparkoperator.submit;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Optional;

/**
 * Volumes named {@code spark-local-dir-*} are Spark scratch space: Spark mounts them itself from
 * {@code spark.kubernetes.<role>.volumes.<type>.<name>.*} confs (and uses them as {@code spark.local.dir}), so
 * they go into the arguments rather than the pod template.
 */
final class LocalDirVolumes {
    static final String PREFIX = "spark-local-dir-";

    private LocalDirVolumes() {
    }

    static boolean isLocalDir(String volumeName) {
        return volumeName != null && volumeName.startsWith(PREFIX);
    }

    /** Spark's name for the volume type, or empty when Spark cannot mount it as a local dir. */
    static Optional<String> sparkType(Volume v) {
        if (v.getEmptyDir() != null) {
            return Optional.of("emptyDir");
        }
        if (v.getHostPath() != null) {
            return Optional.of("hostPath");
        }
        if (v.getNfs() != null) {
            return Optional.of("nfs");
        }
        if (v.getPersistentVolumeClaim() != null) {
            return Optional.of("persistentVolumeClaim");
        }
        return Optional.empty();
    }

    static Optional<Volume> find(List<Volume> volumes, String name) {
        return volumes == null ? Optional.empty()
                : volumes.stream().filter(v -> name.equals(v.getName())).findFirst();
    }

    /** The confs for every local-dir mount of one side, in mount order. */
    static void write(ArgvWriter w, PodRole role, List<Volume> volumes, List<VolumeMount> mounts) {
        if (mounts == null) {
            return;
        }
        for (VolumeMount m : mounts) {
            if (!isLocalDir(m.getName())) {
                continue;
            }
            Volume v = find(volumes, m.getName()).orElseThrow(() -> new IllegalArgumentException(
                    "volumeMount " + m.getName() + " has no entry in spec.volumes"));
            String type = sparkType(v).orElseThrow(() -> new IllegalArgumentException(
                    "unsupported volume type for local dir " + v.getName()));
            String p = role.kubernetesPrefix() + "volumes." + type + "." + v.getName() + ".";
            w.conf(p + "mount.path", m.getMountPath());
            w.conf(p + "mount.subPath", blankToNull(m.getSubPath()));
            w.conf(p + "mount.readOnly", Boolean.TRUE.equals(m.getReadOnly()) ? "true" : null);
            switch (type) {
                case "emptyDir" -> {
                    w.conf(p + "options.sizeLimit", quantity(v.getEmptyDir().getSizeLimit()));
                    w.conf(p + "options.medium", blankToNull(v.getEmptyDir().getMedium()));
                }
                case "hostPath" -> {
                    w.conf(p + "options.path", v.getHostPath().getPath());
                    w.conf(p + "options.type", blankToNull(v.getHostPath().getType()));
                }
                case "nfs" -> {
                    w.conf(p + "options.path", v.getNfs().getPath());
                    w.conf(p + "options.server", v.getNfs().getServer());
                    w.conf(p + "options.readOnly", Boolean.TRUE.equals(v.getNfs().getReadOnly()) ? "true" : null);
                }
                default -> {
                    w.conf(p + "options.claimName", v.getPersistentVolumeClaim().getClaimName());
                    w.conf(p + "options.readOnly",
                            Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly()) ? "true" : null);
                }
            }
        }
    }

    private static String quantity(Quantity q) {
        return q == null ? null : q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
