package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator's pod, in every kustomization: hardened, probed where the operator listens, sized for spark-submit. */
class OperatorDeploymentTest {
    private static final BigDecimal MIB = BigDecimal.valueOf(1024 * 1024);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void runsAsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities(String kustomization) {
        OperatorPod pod = OperatorPod.of(Kustomizations.rendered(kustomization));
        PodSecurityContext podSecurity = pod.spec().getSecurityContext();
        SecurityContext security = pod.container().getSecurityContext();
        assertNotNull(podSecurity, "pod securityContext");
        assertNotNull(security, "container securityContext");

        assertEquals(Boolean.TRUE, firstSet(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot()),
                "runAsNonRoot");
        Long uid = firstSet(security.getRunAsUser(), podSecurity.getRunAsUser());
        assertNotNull(uid, "runAsUser: the image's non-root uid, so the kubelet need not trust the image");
        assertNotEquals(0L, uid, "runAsUser must not be root");
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), "allowPrivilegeEscalation");
        assertNotEquals(Boolean.TRUE, security.getPrivileged(), "privileged");
        assertEquals(java.util.List.of("ALL"), security.getCapabilities().getDrop(), "capabilities.drop");
        assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty(),
                "no capabilities added");
        String seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile().getType()
                : podSecurity.getSeccompProfile() == null ? null : podSecurity.getSeccompProfile().getType();
        assertEquals("RuntimeDefault", seccomp, "seccompProfile");
        assertNotEquals(Boolean.TRUE, pod.spec().getHostNetwork(), "hostNetwork");
        assertNotEquals(Boolean.TRUE, pod.spec().getHostPID(), "hostPID");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void hasAWritableEmptyDirAtTmp(String kustomization) {
        OperatorPod pod = OperatorPod.of(Kustomizations.rendered(kustomization));
        VolumeMount tmp = pod.container().getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at /tmp: pod templates, the class-data"
                        + " archive and the JVM's scratch files have nowhere to go on a read-only root filesystem"));
        assertNotEquals(Boolean.TRUE, tmp.getReadOnly(), "/tmp must be writable");
        Volume volume = pod.spec().getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume named " + tmp.getName()));
        assertNotNull(volume.getEmptyDir(), "/tmp must be an emptyDir, got " + volume);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void probesAndPortsMatchWhereTheOperatorListens(String kustomization) {
        OperatorPod pod = OperatorPod.of(Kustomizations.rendered(kustomization));
        Container container = pod.container();
        int health = OperatorPod.portOf(pod.flag("health-probe-bind-address").orElse(":8081"));
        assertEquals(8081, health, "health port");

        assertHttpProbe(pod, container.getLivenessProbe(), "/healthz", health, "liveness");
        // /readyz holds only while leading: with leader election a standby would never be ready, stalling
        // rolling updates and node drains, so readiness falls back to /healthz there. Active-active replicas
        // (--shards above 1) all serve: /readyz again.
        boolean leaderElection = pod.flag("leader-election").orElse("false").equals("true")
                && !RbacManifestTest.sharded(pod);
        assertHttpProbe(pod, container.getReadinessProbe(), leaderElection ? "/healthz" : "/readyz", health,
                "readiness");

        assertEquals(Optional.of(":8080"), pod.flag("metrics-bind-address"), "metrics bound to 8080");
        assertEquals(8080, pod.portNamed("metrics"), "container port named metrics");
        assertEquals(health, pod.portNamed("health"), "container port named health");
    }

    private static void assertHttpProbe(OperatorPod pod, Probe probe, String path, int port, String what) {
        assertNotNull(probe, what + " probe");
        assertNotNull(probe.getHttpGet(), what + " probe must be an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), what + " probe path");
        assertEquals(port, pod.port(probe.getHttpGet().getPort()), what + " probe port");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void findsSparkAndItsOwnIdentity(String kustomization) {
        Manifests manifests = Kustomizations.rendered(kustomization);
        OperatorPod pod = OperatorPod.of(manifests);
        assertEquals("/opt/spark", env(pod.container(), "SPARK_HOME"), "SPARK_HOME (where the image puts Spark)");
        assertEquals("metadata.namespace", pod.container().getEnv().stream()
                .filter(e -> e.getName().equals("POD_NAMESPACE")).findFirst()
                .map(e -> e.getValueFrom().getFieldRef().getFieldPath()).orElse(null),
                "POD_NAMESPACE from the downward API (overlays pass $(POD_NAMESPACE) in flags)");
        assertEquals(Boolean.TRUE, pod.spec().getAutomountServiceAccountToken(),
                "the operator and spark-submit authenticate with the mounted token");
        String account = pod.spec().getServiceAccountName();
        manifests.get("ServiceAccount", pod.namespace(), account);
        assertTrue(pod.container().getImage().startsWith("spark-operator"), pod.container().getImage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void reservesMemoryForTheOperatorAndTwoConcurrentSparkSubmits(String kustomization) {
        OperatorPod pod = OperatorPod.of(Kustomizations.rendered(kustomization));
        var resources = pod.container().getResources();
        for (String resource : new String[] {"cpu", "memory"}) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertNotNull(request, resource + " request");
            assertNotNull(limit, resource + " limit");
            assertTrue(request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
                    resource + " request " + request + " exceeds its limit " + limit);
        }
        // The operator JVM (about 300 MiB) plus each concurrent spark-submit child JVM (170-250 MiB).
        int concurrency = Integer.parseInt(pod.flag("spark-submit-concurrency").orElseThrow(() -> new AssertionError(
                "--spark-submit-concurrency must be set: its default follows the CPUs, not the memory limit")));
        BigDecimal memoryLimitMib = resources.getLimits().get("memory").getNumericalAmount().divide(MIB);
        assertTrue(memoryLimitMib.compareTo(BigDecimal.valueOf(300 + 250L * concurrency)) >= 0, "memory limit "
                + memoryLimitMib + " MiB is too small for the operator and " + concurrency + " spark-submits");
        assertFalse(pod.container().getEnv().stream().anyMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS")),
                "JAVA_TOOL_OPTIONS would also size every spark-submit child JVM");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkoperator.deploy.Kustomizations#all")
    void givesRunningSparkSubmitsTimeToFinishOnShutdown(String kustomization) {
        OperatorPod pod = OperatorPod.of(Kustomizations.rendered(kustomization));
        Duration shutdown = simpleDuration(pod.flag("shutdown-timeout").orElse("30s"));
        long grace = pod.spec().getTerminationGracePeriodSeconds() == null ? 30
                : pod.spec().getTerminationGracePeriodSeconds();
        assertTrue(grace > shutdown.toSeconds(), "terminationGracePeriodSeconds " + grace
                + " must exceed --shutdown-timeout " + shutdown + ", or the kubelet kills spark-submits mid-way");
    }

    /** A Go-style duration of one unit, such as 30s, 2m or 1h. */
    private static Duration simpleDuration(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new AssertionError("cannot read the duration " + text);
        };
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static <T> T firstSet(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
