package io.sparkoperator.submit;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.sparkoperator.api.DriverIngressConfiguration;
import io.sparkoperator.api.PrometheusSpec;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything wrong with a SparkApplication that would make its submission fail or unsafe, found before any file
 * is written or process started: the Go operator's validating webhook plus the checks
 * this operator adds. All problems are reported at once, so a user fixes a manifest in one round.
 */
public final class SubmissionValidator {
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private SubmissionValidator() {
    }

    /** Every problem, in a stable order; empty when the application can be submitted. */
    public static List<String> problems(SparkApplication app) {
        List<String> problems = new ArrayList<>();
        String name = app.getMetadata() == null ? null : app.getMetadata().getName();
        if (name == null || name.length() > 63 || !DNS_1035_LABEL.matcher(name).matches()) {
            problems.add("metadata.name \"" + name + "\" must be a DNS-1035 label (at most 63 characters: lowercase"
                    + " letters, digits and '-', starting with a letter and ending with a letter or digit)");
        }
        SparkApplicationSpec spec = app.getSpec();
        if (spec == null) {
            problems.add("spec is required");
            return problems;
        }
        required(problems, spec.mainApplicationFile(), "spec.mainApplicationFile");
        required(problems, spec.sparkVersion(), "spec.sparkVersion");
        if (spec.driver() == null) {
            problems.add("spec.driver is required");
        }
        if (spec.executor() == null) {
            problems.add("spec.executor is required");
        }
        SpecLimits.check(problems, spec);
        ArgvSafety.check(problems, spec);
        podTemplatesNeedSpark3(problems, spec);
        nodeSelectors(problems, spec);
        sparkConf(problems, spec.sparkConf(), app.getMetadata() == null ? null : app.getMetadata().getNamespace());
        localDirs(problems, spec, PodRole.DRIVER);
        localDirs(problems, spec, PodRole.EXECUTOR);
        ingressOptions(problems, spec.driverIngressOptions());
        prometheus(problems, spec);
        return problems;
    }

    /** The problems as one message for {@code status.applicationState.errorMessage} and the Event; empty if valid. */
    public static Optional<String> message(SparkApplication app) {
        List<String> problems = problems(app);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("invalid SparkApplication: " + String.join("; ", problems));
    }

    private static void required(List<String> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        }
    }

    private static void podTemplatesNeedSpark3(List<String> problems, SparkApplicationSpec spec) {
        for (PodRole r : PodRole.values()) {
            SparkPodSpec side = r.of(spec);
            if (side == null || side.template() == null || spec.sparkVersion() == null) {
                continue;
            }
            Optional<Integer> major = SparkVersion.major(spec.sparkVersion());
            if (major.isEmpty()) {
                problems.add("spec.sparkVersion \"" + spec.sparkVersion() + "\" is not a version (needed to check"
                        + " that spec." + r.roleName() + ".template is supported)");
            } else if (major.get() < 3) {
                problems.add("spec." + r.roleName() + ".template needs sparkVersion >= 3.0.0, got "
                        + spec.sparkVersion());
            }
        }
    }

    private static void nodeSelectors(List<String> problems, SparkApplicationSpec spec) {
        if (spec.nodeSelector() == null || spec.nodeSelector().isEmpty()) {
            return;
        }
        for (PodRole r : PodRole.values()) {
            SparkPodSpec side = r.of(spec);
            if (side != null && side.nodeSelector() != null && !side.nodeSelector().isEmpty()) {
                problems.add("spec.nodeSelector and spec." + r.roleName() + ".nodeSelector cannot both be set");
            }
        }
    }

    private static void sparkConf(List<String> problems, Map<String, String> conf, String namespace) {
        if (conf == null) {
            return;
        }
        conf.keySet().stream().sorted().forEach(k -> ForbiddenSparkConf.reason(k).ifPresent(problems::add));
        String ns = conf.get("spark.kubernetes.namespace");
        if (ns != null && !ns.equals(namespace)) {
            problems.add("sparkConf[spark.kubernetes.namespace] is \"" + ns + "\" but must be the application's"
                    + " namespace \"" + namespace + "\"");
        }
    }

    private static void localDirs(List<String> problems, SparkApplicationSpec spec, PodRole r) {
        SparkPodSpec side = r.of(spec);
        if (side == null || side.volumeMounts() == null) {
            return;
        }
        for (VolumeMount m : side.volumeMounts()) {
            if (!LocalDirVolumes.isLocalDir(m.getName())) {
                continue;
            }
            Optional<Volume> v = LocalDirVolumes.find(spec.volumes(), m.getName());
            if (v.isEmpty()) {
                problems.add("spec." + r.roleName() + ".volumeMounts: local dir \"" + m.getName()
                        + "\" has no entry in spec.volumes");
            } else if (LocalDirVolumes.sparkType(v.get()).isEmpty()) {
                problems.add("spec.volumes: local dir \"" + m.getName() + "\" has an unsupported volume type"
                        + " (use emptyDir, hostPath, nfs or persistentVolumeClaim)");
            }
        }
    }

    private static void ingressOptions(List<String> problems, List<DriverIngressConfiguration> options) {
        if (options == null) {
            return;
        }
        Set<Integer> ports = new HashSet<>();
        Set<String> formats = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            DriverIngressConfiguration o = options.get(i);
            String at = "spec.driverIngressOptions[" + i + "]";
            if (o.servicePort() == null) {
                problems.add(at + ".servicePort is required");
            } else if (!ports.add(o.servicePort())) {
                problems.add(at + ".servicePort " + o.servicePort() + " is used twice");
            }
            if (o.ingressURLFormat() == null || o.ingressURLFormat().isBlank()) {
                problems.add(at + ".ingressURLFormat is required");
            } else if (!formats.add(o.ingressURLFormat())) {
                problems.add(at + ".ingressURLFormat \"" + o.ingressURLFormat() + "\" is used twice");
            }
        }
    }

    private static void prometheus(List<String> problems, SparkApplicationSpec spec) {
        if (spec.monitoring() == null || spec.monitoring().prometheus() == null) {
            return;
        }
        PrometheusSpec p = spec.monitoring().prometheus();
        required(problems, p.jmxExporterJar(), "spec.monitoring.prometheus.jmxExporterJar");
        if (p.port() != null && (p.port() < 1024 || p.port() > 49151)) {
            problems.add("spec.monitoring.prometheus.port " + p.port() + " must be within 1024-49151");
        }
    }
}
