package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.SparkApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitArgumentsTest {
    static final String MASTER = "k8s://https://10.96.0.1:443";
    static final PodTemplatePaths TEMPLATES =
            new PodTemplatePaths(Path.of("/t/driver-pod-template.yaml"), Path.of("/t/executor-pod-template.yaml"));

    static List<String> build(SparkApplication app) {
        return SubmitArguments.build(app, "X", MASTER, TEMPLATES, ArgumentOptions.defaults());
    }

    /** The values of all {@code --conf} pairs, in order. */
    static List<String> confs(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size() - 1; i++) {
            if (argv.get(i).equals("--conf")) {
                out.add(argv.get(i + 1));
            }
        }
        return out;
    }

    static String yaml(String specBody) {
        return """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: app, namespace: ns}
                spec:
                  sparkVersion: 4.1.1
                  mainApplicationFile: local:///app.jar
                """ + specBody.indent(2);
    }

    @Test
    void sparkPiGivesTheReferenceWorkedExampleExactly() {
        List<String> expected = new ArrayList<>(List.of(
                "--master", MASTER, "--deploy-mode", "cluster", "--class", "org.apache.spark.examples.SparkPi",
                "--name", "spark-pi"));
        for (String c : List.of(
                "spark.kubernetes.namespace=default",
                "spark.kubernetes.container.image=docker.io/apache/spark:4.0.4",
                "spark.kubernetes.container.image.pullPolicy=IfNotPresent",
                "spark.kubernetes.submission.waitAppCompletion=false",
                "spark.kubernetes.driver.pod.name=spark-pi-driver",
                "spark.kubernetes.driver.label.sparkoperator.k8s.io/app-name=spark-pi",
                "spark.kubernetes.driver.label.sparkoperator.k8s.io/launched-by-spark-operator=true",
                "spark.kubernetes.driver.label.sparkoperator.k8s.io/mutated-by-spark-operator=true",
                "spark.kubernetes.driver.label.sparkoperator.k8s.io/submission-id=X",
                "spark.kubernetes.driver.container.image=docker.io/apache/spark:4.0.4",
                "spark.driver.cores=1",
                "spark.driver.memory=512m",
                "spark.kubernetes.authenticate.driver.serviceAccountName=spark-operator-spark",
                "spark.kubernetes.driver.label.version=4.0.0",
                "spark.kubernetes.executor.label.sparkoperator.k8s.io/app-name=spark-pi",
                "spark.kubernetes.executor.label.sparkoperator.k8s.io/launched-by-spark-operator=true",
                "spark.kubernetes.executor.label.sparkoperator.k8s.io/mutated-by-spark-operator=true",
                "spark.kubernetes.executor.label.sparkoperator.k8s.io/submission-id=X",
                "spark.executor.instances=1",
                "spark.kubernetes.executor.container.image=docker.io/apache/spark:4.0.4",
                "spark.executor.cores=1",
                "spark.executor.memory=512m",
                "spark.kubernetes.executor.label.version=4.0.0",
                "spark.kubernetes.driver.podTemplateFile=/t/driver-pod-template.yaml",
                "spark.kubernetes.driver.podTemplateContainerName=spark-kubernetes-driver",
                "spark.kubernetes.executor.podTemplateFile=/t/executor-pod-template.yaml",
                "spark.kubernetes.executor.podTemplateContainerName=spark-kubernetes-executor")) {
            expected.add("--conf");
            expected.add(c);
        }
        expected.add("local:///opt/spark/examples/jars/spark-examples.jar");
        expected.add("5000");

        assertEquals(expected, build(TestApps.sparkPi()));
    }

    @Test
    void operatorConfsComeAfterTheUsersSoTheyWinAndMapsAreSorted() {
        SparkApplication app = TestApps.parse(yaml("""
                sparkConf:
                  spark.z.last: "1"
                  spark.kubernetes.driver.label.sparkoperator.k8s.io/submission-id: forged
                  spark.a.first: "2"
                  spark.kubernetes.driver.pod.name: custom-driver
                hadoopConf: {fs.s3a.endpoint: "http://minio:9000"}
                driver: {}
                executor: {}
                """));

        List<String> c = confs(build(app));

        int forged = c.indexOf("spark.kubernetes.driver.label.sparkoperator.k8s.io/submission-id=forged");
        int real = c.indexOf("spark.kubernetes.driver.label.sparkoperator.k8s.io/submission-id=X");
        assertTrue(forged >= 0 && real > forged, c::toString);
        assertTrue(c.indexOf("spark.a.first=2") < c.indexOf("spark.z.last=1"), "sparkConf sorted by key");
        assertTrue(c.indexOf("spark.hadoop.fs.s3a.endpoint=http://minio:9000") > c.indexOf("spark.z.last=1"));
        assertEquals(1, c.stream().filter(x -> x.startsWith("spark.kubernetes.driver.pod.name=")).count(),
                "the user's pod name is used, not repeated");
        assertTrue(c.contains("spark.kubernetes.driver.pod.name=custom-driver"));
        assertEquals(build(app), build(app), "deterministic");
    }

    @Test
    void driverPodNameFieldWinsOverSparkConf() {
        SparkApplication app = TestApps.parse(yaml("""
                sparkConf: {spark.kubernetes.driver.pod.name: from-conf}
                driver: {podName: from-field}
                executor: {}
                """));
        assertTrue(confs(build(app)).contains("spark.kubernetes.driver.pod.name=from-field"));
        assertEquals("from-field", DriverPodName.of(app));
    }

    @Test
    void defaultsYieldToSparkConfAndDynamicAllocationDropsInstances() {
        SparkApplication app = TestApps.parse(yaml("""
                sparkConf: {spark.driver.cores: "3", spark.executor.memory: 4g}
                dynamicAllocation: {enabled: true, minExecutors: 1, maxExecutors: 5}
                driver: {}
                executor: {}
                """));

        List<String> c = confs(build(app));

        assertEquals(List.of("spark.driver.cores=3"), c.stream().filter(x -> x.startsWith("spark.driver.cores")).toList());
        assertEquals(List.of("spark.executor.memory=4g"),
                c.stream().filter(x -> x.startsWith("spark.executor.memory")).toList());
        assertTrue(c.contains("spark.driver.memory=1g") && c.contains("spark.executor.cores=1"), c::toString);
        assertFalse(c.stream().anyMatch(x -> x.startsWith("spark.executor.instances")), c::toString);
        int enabled = c.indexOf("spark.dynamicAllocation.enabled=true");
        assertEquals(List.of("spark.dynamicAllocation.enabled=true", "spark.dynamicAllocation.minExecutors=1",
                "spark.dynamicAllocation.maxExecutors=5", "spark.dynamicAllocation.shuffleTracking.enabled=true"),
                c.subList(enabled, enabled + 4));
        assertEquals(null, app.getSpec().driver().cores(), "defaults are never written into the spec");
    }

    @Test
    void depsProxyUserMainFileAndArgumentsInOrder() {
        SparkApplication app = TestApps.parse(yaml("""
                proxyUser: alice
                arguments: ["--in", "s3a://b/x y"]
                deps:
                  archives: [a.zip]
                  jars: [a.jar, b.jar]
                  files: [f.txt]
                  pyFiles: [p.py]
                  packages: [g:a:1]
                  excludePackages: [g:x]
                  repositories: [https://repo]
                driver: {}
                executor: {}
                """));

        List<String> argv = build(app);

        List<String> flags = argv.stream().filter(a -> a.startsWith("--") && !a.equals("--conf")
                && !a.equals("--in")).toList();
        assertEquals(List.of("--master", "--deploy-mode", "--name", "--jars", "--packages", "--exclude-packages",
                "--repositories", "--py-files", "--files", "--archives", "--proxy-user"), flags);
        assertEquals("a.jar,b.jar", argv.get(argv.indexOf("--jars") + 1));
        assertEquals(List.of("--proxy-user", "alice", "local:///app.jar", "--in", "s3a://b/x y"),
                argv.subList(argv.size() - 5, argv.size()));
    }

    @Test
    void secretsEnvVarsSecretKeyRefsAndLocalDirsPerSide() {
        SparkApplication app = TestApps.parse(yaml("""
                volumes:
                - {name: spark-local-dir-1, emptyDir: {sizeLimit: 10Gi, medium: Memory}}
                - {name: spark-local-dir-2, hostPath: {path: /mnt/disk, type: Directory}}
                - {name: spark-local-dir-3, persistentVolumeClaim: {claimName: scratch, readOnly: true}}
                driver:
                  envVars: {B: "2", A: "1"}
                  envSecretKeyRefs: {DB_PASS: {name: db, key: password}}
                  secrets:
                  - {name: gcp, path: /mnt/gcp, secretType: GCPServiceAccount}
                  volumeMounts: [{name: spark-local-dir-1, mountPath: /tmp/spark-1}]
                executor:
                  secrets:
                  - {name: hdfs, path: /mnt/hdfs/, secretType: HadoopDelegationToken}
                  volumeMounts:
                  - {name: spark-local-dir-2, mountPath: /tmp/spark-2, readOnly: true}
                  - {name: spark-local-dir-3, mountPath: /tmp/spark-3, subPath: x}
                """));

        List<String> c = confs(build(app));

        int a = c.indexOf("spark.kubernetes.driverEnv.A=1");
        assertEquals(List.of("spark.kubernetes.driverEnv.A=1", "spark.kubernetes.driverEnv.B=2",
                "spark.kubernetes.driver.secrets.gcp=/mnt/gcp",
                "spark.kubernetes.driverEnv.GOOGLE_APPLICATION_CREDENTIALS=/mnt/gcp/key.json",
                "spark.kubernetes.driver.volumes.emptyDir.spark-local-dir-1.mount.path=/tmp/spark-1",
                "spark.kubernetes.driver.volumes.emptyDir.spark-local-dir-1.options.sizeLimit=10Gi",
                "spark.kubernetes.driver.volumes.emptyDir.spark-local-dir-1.options.medium=Memory"),
                c.subList(a, a + 7));
        assertTrue(c.contains("spark.kubernetes.driver.secretKeyRef.DB_PASS=db:password"));
        assertTrue(c.contains("spark.kubernetes.executor.secrets.hdfs=/mnt/hdfs/"));
        assertTrue(c.contains("spark.executorEnv.HADOOP_TOKEN_FILE_LOCATION=/mnt/hdfs/hadoop.token"));
        assertTrue(c.containsAll(List.of(
                "spark.kubernetes.executor.volumes.hostPath.spark-local-dir-2.mount.path=/tmp/spark-2",
                "spark.kubernetes.executor.volumes.hostPath.spark-local-dir-2.mount.readOnly=true",
                "spark.kubernetes.executor.volumes.hostPath.spark-local-dir-2.options.path=/mnt/disk",
                "spark.kubernetes.executor.volumes.hostPath.spark-local-dir-2.options.type=Directory",
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-3.mount.subPath=x",
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-3.options.claimName=scratch",
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-3.options.readOnly=true")),
                c::toString);
        assertFalse(c.stream().anyMatch(x -> x.startsWith("spark.kubernetes.driver.volumes.hostPath")), c::toString);
    }

    @Test
    void appLabelsGoToBothSidesExceptKueueAndNodeSelectorToBoth() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: app
                  namespace: ns
                  labels: {team: a, kueue.x-k8s.io/queue-name: q}
                spec:
                  sparkVersion: 4.1.1
                  mainApplicationFile: local:///app.jar
                  nodeSelector: {disk: ssd}
                  driver: {annotations: {note: x}, serviceLabels: {svc: y}}
                  executor: {deleteOnTermination: false}
                """);

        List<String> c = confs(build(app));

        assertTrue(c.containsAll(List.of("spark.kubernetes.driver.label.team=a", "spark.kubernetes.executor.label.team=a",
                "spark.kubernetes.driver.annotation.note=x", "spark.kubernetes.driver.service.label.svc=y",
                "spark.kubernetes.executor.deleteOnTermination=false", "spark.kubernetes.node.selector.disk=ssd")),
                c::toString);
        assertFalse(c.stream().anyMatch(x -> x.contains("kueue")), c::toString);
    }

    @Test
    void prometheusAddsMetricsConfsJavaAgentAndAnnotationsOnExposedSidesOnly() {
        SparkApplication app = TestApps.parse(yaml("""
                monitoring:
                  exposeDriverMetrics: true
                  exposeExecutorMetrics: false
                  prometheus: {jmxExporterJar: /prometheus/jmx.jar, port: 8091}
                driver: {javaOptions: "-Dx=1"}
                executor: {javaOptions: "-Dy=2"}
                """));

        List<String> c = confs(build(app));

        assertTrue(c.contains("spark.driver.extraJavaOptions=-Dx=1 -javaagent:/prometheus/jmx.jar=8091:/etc/metrics/conf/prometheus.yaml"),
                c::toString);
        assertTrue(c.contains("spark.executor.extraJavaOptions=-Dy=2"), c::toString);
        assertTrue(c.containsAll(List.of("spark.kubernetes.driver.annotation.prometheus.io/scrape=true",
                "spark.kubernetes.driver.annotation.prometheus.io/port=8091",
                "spark.kubernetes.driver.annotation.prometheus.io/path=/metrics",
                "spark.metrics.namespace=ns.app", "spark.metrics.conf=/etc/metrics/conf/metrics.properties")));
        assertFalse(c.stream().anyMatch(x -> x.startsWith("spark.kubernetes.executor.annotation.prometheus")));
    }

    @Test
    void uiIngressPathBecomesProxyBaseUnlessTheUserSetOne() {
        SparkApplication app = TestApps.parse(yaml("driver: {}\nexecutor: {}\n"));
        ArgumentOptions withPath = new ArgumentOptions(true, "spark.example.com/{{$appNamespace}}/{{$appName}}");

        List<String> argv = SubmitArguments.build(app, "X", MASTER, TEMPLATES, withPath);

        assertTrue(confs(argv).containsAll(List.of("spark.ui.proxyBase=/ns/app", "spark.ui.proxyRedirectUri=/")));
        assertEquals("--load-spark-defaults", argv.get(argv.indexOf("--name") + 2));
        SparkApplication own = TestApps.parse(yaml("sparkConf: {spark.ui.proxyBase: /mine}\ndriver: {}\nexecutor: {}\n"));
        List<String> c = confs(SubmitArguments.build(own, "X", MASTER, TEMPLATES, withPath));
        assertEquals(List.of("spark.ui.proxyBase=/mine"), c.stream().filter(x -> x.startsWith("spark.ui.proxyBase")).toList());
        assertFalse(confs(SubmitArguments.build(app, "X", MASTER, TEMPLATES,
                new ArgumentOptions(false, "{{$appName}}.example.com"))).stream().anyMatch(x -> x.contains("proxyBase")));
        List<String> spaced = confs(SubmitArguments.build(app, "X", MASTER, TEMPLATES,
                new ArgumentOptions(false, "https://spark.example.com/{{ $appNamespace }}/{{ $appName }}/")));
        assertTrue(spaced.contains("spark.ui.proxyBase=/ns/app"), () -> "placeholders as the Ingress reads them: "
                + spaced);
    }

    @Test
    void mutatedByLabelOnlyForSidesWithoutTemplate() {
        SparkApplication app = TestApps.parse(yaml("""
                driver: {template: {metadata: {labels: {a: b}}}}
                executor: {}
                """));
        List<String> c = confs(build(app));
        assertFalse(c.contains("spark.kubernetes.driver.label.sparkoperator.k8s.io/mutated-by-spark-operator=true"));
        assertTrue(c.contains("spark.kubernetes.executor.label.sparkoperator.k8s.io/mutated-by-spark-operator=true"));
    }
}
