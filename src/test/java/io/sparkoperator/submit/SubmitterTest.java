package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The facade with a fake bin/spark-submit that copies the driver template it is given (cheap; no Spark). */
class SubmitterTest {
    static final String COPY_DRIVER_TEMPLATE = """
            for a in "$@"; do case "$a" in spark.kubernetes.driver.podTemplateFile=*) cp "${a#*=}" "$OUT";; esac; done
            exit 0""";

    @TempDir
    Path tmp;

    @Test
    @Timeout(30)
    void submitRendersTemplatesRunsAndCleansUpWithoutLoggingSecrets() throws Exception {
        Path out = tmp.resolve("driver-template-seen-by-child.yaml");
        Path home = FakeSparkHome.with(tmp.resolve("spark"), COPY_DRIVER_TEMPLATE);
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: s, namespace: ns, uid: %s}
                spec:
                  sparkVersion: 4.1.1
                  mainApplicationFile: local:///a.jar
                  hadoopConf: {fs.s3a.secret.key: sup3rs3cret}
                  driver:
                    tolerations: [{key: dedicated, operator: Exists}]
                    memoryLimit: 1g
                  executor: {}
                """.formatted(TestApps.UID));
        List<String> logged = new ArrayList<>();
        Logger jul = Logger.getLogger(SparkSubmitRunner.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(Level.FINE);
        jul.addHandler(capture);
        SubmitResult result;
        try (Submitter submitter = new Submitter(FakeSparkHome.config(home, tmp).withChildEnv("OUT", out.toString()))) {
            result = submitter.submit(app, "sub-1");
        } finally {
            jul.removeHandler(capture);
            jul.setLevel(null);
        }

        SubmitResult.Submitted ok = assertInstanceOf(SubmitResult.Submitted.class, result);
        assertEquals("s-driver", ok.driverPodName());
        assertTrue(ok.warnings().get(0).contains("memoryLimit"), ok.warnings()::toString);
        Pod seen = ApiJson.parse(Files.readString(out), Pod.class);
        assertEquals("dedicated", seen.getSpec().getTolerations().get(0).getKey());
        try (Stream<Path> left = Files.list(tmp.resolve("templates"))) {
            assertEquals(0, left.count(), "template dir removed after the run");
        }
        // At debug: the redacted command, then how the run ended and how long it took
        assertEquals(2, logged.size(), logged::toString);
        assertTrue(logged.get(0).contains("spark.hadoop.fs.s3a.secret.key=*****"), logged::toString);
        assertTrue(logged.get(1).matches("spark-submit exited 0 after \\d+(\\.\\d+)?m?s"), logged::toString);
        assertFalse(String.join("\n", logged).contains("sup3rs3cret"), logged::toString);
    }

    @Test
    @Timeout(30)
    void invalidSpecNeverStartsAProcess() throws Exception {
        Path marker = tmp.resolve("ran");
        Path home = FakeSparkHome.with(tmp.resolve("spark"), "touch \"$OUT\"");
        SparkApplication app = TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: s, namespace: ns}
                spec:
                  sparkVersion: 4.1.1
                  mainApplicationFile: local:///a.jar
                  sparkConf: {spark.kubernetes.namespace: kube-system}
                  driver: {}
                  executor: {}
                """);
        try (Submitter submitter = new Submitter(FakeSparkHome.config(home, tmp).withChildEnv("OUT", marker.toString()))) {
            SubmitResult.Invalid invalid = assertInstanceOf(SubmitResult.Invalid.class, submitter.submit(app, "sub-1"));
            assertTrue(invalid.message().contains("kube-system"), invalid::message);
        }
        assertFalse(Files.exists(marker));
    }
}
