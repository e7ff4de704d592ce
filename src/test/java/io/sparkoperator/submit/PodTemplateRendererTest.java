package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.sparkoperator.api.SparkApplication;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTemplateRendererTest {
    static final SparkApplication FULL = TestApps.parse("""
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: full, namespace: ns, uid: %s}
            spec:
              sparkVersion: 4.1.1
              mainApplicationFile: local:///app.jar
              sparkConfigMap: spark-cm
              hadoopConfigMap: hadoop-cm
              batchScheduler: volcano
              volumes:
              - {name: data, persistentVolumeClaim: {claimName: data-pvc}}
              - {name: spark-local-dir-1, emptyDir: {}}
              monitoring:
                exposeDriverMetrics: true
                prometheus: {jmxExporterJar: /jmx.jar}
              driver:
                template:
                  metadata: {labels: {from-template: "yes"}}
                  spec:
                    priority: 1000
                    nodeSelector: {pool: spark}
                    tolerations: [{key: template, operator: Exists}]
                    containers:
                    - name: spark-kubernetes-driver
                      env: [{name: FROM_TEMPLATE, value: "1"}]
                    - {name: log-shipper, image: fluent-bit:3}
                env: [{name: GREETING, value: hello}]
                envFrom: [{configMapRef: {name: env-cm}}]
                configMaps: [{name: my.app.config, path: /etc/app}]
                volumeMounts:
                - {name: data, mountPath: /data}
                - {name: spark-local-dir-1, mountPath: /tmp/spark}
                - {name: nowhere, mountPath: /nowhere}
                ports: [{name: http, protocol: TCP, containerPort: 8080}]
                hostNetwork: true
                hostAliases: [{ip: 10.0.0.9, hostnames: [db.local]}]
                initContainers: [{name: init, image: busybox}]
                sidecars: [{name: log-shipper, image: "fluent-bit:3"}, {name: proxy, image: envoy}]
                dnsConfig: {nameservers: [1.1.1.1]}
                priorityClassName: high
                schedulerName: ignored-because-batch-scheduler
                nodeSelector: {zone: a}
                affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: k, operator: In, values: [v]}]}]}}}
                tolerations: [{key: dedicated, operator: Equal, value: spark, effect: NoSchedule}]
                podSecurityContext: {runAsUser: 185, fsGroup: 185}
                securityContext: {readOnlyRootFilesystem: true}
                gpu: {name: nvidia.com/gpu, quantity: 2}
                terminationGracePeriodSeconds: 45
                lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 5"]}}}
                shareProcessNamespace: true
                memoryLimit: 4g
              executor:
                tolerations: [{key: dedicated, operator: Equal, value: spark, effect: NoSchedule}]
            """.formatted(TestApps.UID));

    static Container container(Pod pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }

    static List<String> names(List<?> items) {
        return items.stream().map(i -> i instanceof Volume v ? v.getName()
                : i instanceof VolumeMount m ? m.getName() + ":" + m.getMountPath()
                : i instanceof EnvVar e ? e.getName() : ((Container) i).getName()).toList();
    }

    @Test
    void driverTemplateCarriesEveryPodShapingFieldOnTopOfTheUsersTemplate() {
        RenderedPodTemplates t = PodTemplateRenderer.render(FULL);
        Pod pod = t.driver();
        PodSpec ps = pod.getSpec();
        Container c = container(pod, "spark-kubernetes-driver");

        assertEquals("Pod", pod.getKind());
        assertEquals("yes", pod.getMetadata().getLabels().get("from-template"));
        assertEquals(List.of("FROM_TEMPLATE", "GREETING", "HADOOP_CONF_DIR", "SPARK_CONF_DIR"), names(c.getEnv()));
        assertEquals("env-cm", c.getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals(List.of("hadoop-configmap-volume", "spark-configmap-volume", "my-app-config-vol", "data",
                "full-prom-conf-vol"), names(ps.getVolumes()));
        assertEquals("spark-cm", ps.getVolumes().get(1).getConfigMap().getName());
        assertEquals("data-pvc", ps.getVolumes().get(3).getPersistentVolumeClaim().getClaimName());
        assertEquals(List.of("hadoop-configmap-volume:/etc/hadoop/conf", "spark-configmap-volume:/etc/spark/conf",
                "my-app-config-vol:/etc/app", "data:/data", "full-prom-conf-vol:/etc/metrics/conf"),
                names(c.getVolumeMounts()));
        assertEquals(Boolean.TRUE, c.getVolumeMounts().get(2).getReadOnly());
        assertEquals(List.of(8080, 8090), c.getPorts().stream().map(p -> p.getContainerPort()).toList());
        assertEquals("jmx-exporter", c.getPorts().get(1).getName());
        assertEquals(Boolean.TRUE, ps.getHostNetwork());
        assertEquals("ClusterFirstWithHostNet", ps.getDnsPolicy());
        assertEquals("db.local", ps.getHostAliases().get(0).getHostnames().get(0));
        assertEquals(List.of("init"), names(ps.getInitContainers()));
        assertEquals(List.of("spark-kubernetes-driver", "log-shipper", "proxy"), names(ps.getContainers()),
                "a sidecar already in the template (same name and image) is not added twice");
        assertEquals(List.of("1.1.1.1"), ps.getDnsConfig().getNameservers());
        assertEquals("high", ps.getPriorityClassName());
        assertNull(ps.getPriority(), "priority cleared so the class decides");
        assertEquals("volcano", ps.getSchedulerName());
        assertEquals("spark", ps.getNodeSelector().get("pool"));
        assertEquals("a", ps.getNodeSelector().get("zone"));
        assertEquals("k", ps.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        assertEquals(List.of("template", "dedicated"), ps.getTolerations().stream().map(x -> x.getKey()).toList());
        assertEquals(185L, ps.getSecurityContext().getRunAsUser());
        assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals("2", c.getResources().getLimits().get("nvidia.com/gpu").toString());
        assertEquals(45L, ps.getTerminationGracePeriodSeconds());
        assertEquals(List.of("sh", "-c", "sleep 5"), c.getLifecycle().getPreStop().getExec().getCommand());
        assertEquals(Boolean.TRUE, ps.getShareProcessNamespace());
        OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("sparkoperator.k8s.io/v1beta2", "SparkApplication", "full", TestApps.UID, true, true),
                List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(), owner.getController(),
                        owner.getBlockOwnerDeletion()));
        assertEquals(2, t.warnings().size(), t.warnings()::toString);
        assertTrue(t.warnings().get(0).contains("\"nowhere\" names no volume"), t.warnings()::toString);
        assertTrue(t.warnings().get(1).startsWith("spec.driver.memoryLimit (4g) is not applied"), t.warnings()::toString);
    }

    @Test
    void executorTemplateHasItsOwnFieldsAndAPlainOwnerReference() {
        Pod pod = PodTemplateRenderer.render(FULL).executor();
        Container c = container(pod, "spark-kubernetes-executor");

        assertEquals(List.of("dedicated"), pod.getSpec().getTolerations().stream().map(x -> x.getKey()).toList());
        assertEquals(List.of("HADOOP_CONF_DIR", "SPARK_CONF_DIR"), names(c.getEnv()));
        assertEquals(List.of("hadoop-configmap-volume", "spark-configmap-volume"), names(pod.getSpec().getVolumes()),
                "no Prometheus volume: executor metrics are not exposed");
        assertEquals("volcano", pod.getSpec().getSchedulerName());
        OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals(TestApps.UID, owner.getUid());
        assertNull(owner.getController());
        assertNull(owner.getBlockOwnerDeletion());
    }

    @Test
    void bareSpecGivesABarePodWithTheNamedContainer() {
        RenderedPodTemplates t = PodTemplateRenderer.render(TestApps.sparkPi());
        assertEquals(List.of("spark-kubernetes-driver"), names(t.driver().getSpec().getContainers()));
        assertEquals(List.of("spark-kubernetes-executor"), names(t.executor().getSpec().getContainers()));
        assertEquals(List.of(), t.warnings());
    }

    @Test
    void aBlankPrometheusConfigFileMeansTheMountedDefaultSoTheConfigMapIsMounted() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: blank, namespace: ns, uid: %s}
                spec:
                  type: Scala
                  mode: cluster
                  image: spark:4.1.1
                  mainClass: Pi
                  mainApplicationFile: local:///pi.jar
                  sparkVersion: 4.1.1
                  monitoring:
                    exposeDriverMetrics: true
                    metricsPropertiesFile: /opt/spark/conf/metrics.properties
                    prometheus: {jmxExporterJar: /jmx.jar, configFile: ""}
                  driver: {}
                  executor: {}
                """.formatted(TestApps.UID));
        RenderedPodTemplates t = PodTemplateRenderer.render(app);
        assertEquals(List.of("blank-prom-conf-vol"), names(t.driver().getSpec().getVolumes()),
                "the agent reads /etc/metrics/conf/prometheus.yaml, which only the ConfigMap provides");
    }

    @Test
    void anExistingOwnerReferenceIsKeptAndNotDuplicated() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: o, namespace: ns, uid: %1$s}
                spec:
                  sparkVersion: 4.1.1
                  mainApplicationFile: local:///a.jar
                  driver:
                    template:
                      metadata:
                        ownerReferences:
                        - {apiVersion: v1, kind: ConfigMap, name: other, uid: u-1}
                        - {apiVersion: sparkoperator.k8s.io/v1beta2, kind: SparkApplication, name: o, uid: %1$s}
                  executor:
                    template: {spec: {containers: [{name: custom, image: x}]}}
                """.formatted(TestApps.UID));

        RenderedPodTemplates t = PodTemplateRenderer.render(app);

        assertEquals(List.of("u-1", TestApps.UID), t.driver().getMetadata().getOwnerReferences().stream()
                .map(OwnerReference::getUid).toList());
        assertEquals(List.of("custom"), names(t.executor().getSpec().getContainers()),
                "without the named container Spark uses the first one, and so does the shaping");
        assertEquals(1, app.getSpec().executor().template().getSpec().getContainers().size());
    }

    @Test
    void longOrDottedConfigMapNamesGiveValidDistinctVolumeNames() {
        assertEquals("my-app-config-vol", VolumeNames.forConfigMap("my.app.config"));
        String a = VolumeNames.forConfigMap("a".repeat(70));
        String b = VolumeNames.forConfigMap("a".repeat(71));
        assertTrue(a.length() <= 63 && b.length() <= 63 && !a.equals(b), a + " / " + b);
        assertTrue(a.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), a);
    }
}
