package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.SparkApplication;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {

    @Test
    void theExampleIsValid() {
        assertEquals(List.of(), SubmissionValidator.problems(TestApps.sparkPi()));
        assertTrue(SubmissionValidator.message(TestApps.sparkPi()).isEmpty());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: 1-Bad_Name, namespace: team-a}
                spec:
                  sparkVersion: 2.4.8
                  mainApplicationFile: local:///app.jar
                  nodeSelector: {disk: ssd}
                  sparkConf:
                    spark.kubernetes.namespace: kube-system
                    spark.master: k8s://https://elsewhere
                    spark.kubernetes.container.image: evil:latest
                    spark.kubernetes.authenticate.driver.serviceAccountName: admin
                    spark.kubernetes.authenticate.submission.oauthToken: stolen
                    spark.kubernetes.driver.podTemplateFile: /etc/passwd
                  volumes:
                  - {name: spark-local-dir-cm, configMap: {name: x}}
                  driverIngressOptions:
                  - {servicePort: 80, ingressURLFormat: "a.example.com"}
                  - {servicePort: 80, ingressURLFormat: ""}
                  monitoring: {prometheus: {port: 80}}
                  driver:
                    nodeSelector: {zone: a}
                    template: {metadata: {labels: {a: b}}}
                    volumeMounts: [{name: spark-local-dir-cm, mountPath: /tmp/x}, {name: spark-local-dir-none, mountPath: /y}]
                  executor: {}
                """);

        List<String> problems = SubmissionValidator.problems(app);

        List<String> expectedFragments = List.of(
                "metadata.name \"1-Bad_Name\" must be a DNS-1035 label",
                "spec.driver.template needs sparkVersion >= 3.0.0, got 2.4.8",
                "spec.nodeSelector and spec.driver.nodeSelector cannot both be set",
                "sparkConf[spark.kubernetes.authenticate.driver.serviceAccountName] is not allowed (use spec.driver.serviceAccount",
                "sparkConf[spark.kubernetes.authenticate.submission.oauthToken] is not allowed",
                "sparkConf[spark.kubernetes.container.image] is not allowed (use spec.image",
                "sparkConf[spark.kubernetes.driver.podTemplateFile] is not allowed (use spec.driver.template",
                "sparkConf[spark.master] is not allowed",
                "sparkConf[spark.kubernetes.namespace] is \"kube-system\" but must be the application's namespace \"team-a\"",
                "local dir \"spark-local-dir-cm\" has an unsupported volume type",
                "local dir \"spark-local-dir-none\" has no entry in spec.volumes",
                "spec.driverIngressOptions[1].servicePort 80 is used twice",
                "spec.driverIngressOptions[1].ingressURLFormat is required",
                "spec.monitoring.prometheus.jmxExporterJar is required",
                "spec.monitoring.prometheus.port 80 must be within 1024-49151");
        for (String fragment : expectedFragments) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), () -> fragment + " not in " + problems);
        }
        assertEquals(expectedFragments.size(), problems.size(), problems::toString);
        String message = SubmissionValidator.message(app).orElseThrow();
        assertTrue(message.startsWith("invalid SparkApplication: ") && message.contains("; "), message);
    }

    @Test
    void theOwnNamespaceAndHarmlessConfsAreAllowed() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: ok, namespace: team-a}
                spec:
                  sparkVersion: v3.5.1
                  mainApplicationFile: local:///app.jar
                  sparkConf:
                    spark.kubernetes.namespace: team-a
                    spark.kubernetes.driver.pod.name: my-driver
                    spark.sql.shuffle.partitions: "10"
                  driver: {template: {spec: {}}}
                  executor: {}
                """);
        assertEquals(List.of(), SubmissionValidator.problems(app));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: empty, namespace: ns}
                spec: {}
                """);
        assertEquals(List.of("spec.mainApplicationFile is required", "spec.sparkVersion is required",
                "spec.driver is required", "spec.executor is required"), SubmissionValidator.problems(app));
    }
}
