package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.SparkMockApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a submission prints is the same through a worker as from a fresh spark-submit, line by line (times, ports
 * and generated names aside): the worker sets Spark's default log4j profile up once instead of letting Spark
 * rebuild it per submission, and this is what that must not change. Plain text, then JSON lines for an app that
 * turns {@code spark.log.structuredLogging.enabled} on, then plain again, all through one worker; and a submission
 * that fails (the driver already exists) prints the same error. {@code Submitter}'s reading of the output (already exists, the app ID,
 * the error) depends on it.
 */
@Tag("integration")
class WorkerOutputIntegrationTest {
    private static final Pattern ONCE_PER_JVM = Pattern.compile("^Picked up JAVA_TOOL_OPTIONS|^WARNING: |^OpenJDK"
            + "|Using Spark's default log4j profile|Your hostname, .* resolves to a loopback|Set SPARK_LOCAL_IP if"
            + "|Unable to load native-hadoop library");
    /** The worker's own frames below {@code SparkSubmit.main}, where a stack trace Spark logs ends. */
    private static final String WORKER_FRAME = "\tat io.sparkoperator.worker.";
    @TempDir
    static Path work;
    static KubernetesMockServer server;
    static SubmitterConfig config;
    static SparkSubmitRunner cold;
    static WorkerPool warm;

    @BeforeAll
    static void start() {
        server = SparkMockApiServer.start();
        config = SparkMockApiServer.submitterConfig(server, work).withTimeout(Duration.ofSeconds(120))
                .withMaxConcurrentSubmits(1);
        cold = new SparkSubmitRunner(config);
        warm = new WorkerPool(config, WorkerSettings.defaults(), cold.childJavaFeature(), cold, System::nanoTime);
    }

    @AfterAll
    static void stop() {
        if (warm != null) {
            warm.close();
        }
        if (cold != null) {
            cold.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    @Timeout(600)
    void plainThenJsonThenPlainPrintWhatAFreshSparkSubmitPrints() throws Exception {
        List<String> plain = sameOutput("plain-1", Map.of());
        assertTrue(plain.stream().anyMatch(l -> l.startsWith("<time> INFO Client: Deployed Spark application")),
                "Spark's pattern layout: " + plain);
        List<String> json = sameOutput("json-1", Map.of("spark.log.structuredLogging.enabled", "true"));
        assertTrue(json.stream().anyMatch(l -> l.startsWith("{\"ts\":\"<time>\"")
                && l.contains("Deployed Spark application")), "Spark's JSON layout: " + json);
        assertFalse(json.stream().anyMatch(l -> l.startsWith("<time> ")), "no pattern line: " + json);
        List<String> plainAgain = sameOutput("plain-2", Map.of());
        assertEquals(plain, plainAgain, "plain once more, after a JSON one");
        assertEquals(1, warm.startedTotal(), "all of them through one worker");
    }

    @Test
    @Timeout(600)
    void aSecondSubmissionOfTheSameDriverPrintsTheSameAlreadyExistsError() throws Exception {
        sameOutput("twice", Map.of());
        List<String> again = sameOutput("twice", Map.of());
        assertTrue(StderrDigest.driverAlreadyExists(again), "read as already exists: " + again);
    }

    /** Submits the app cold and warm (each in a namespace of its own); the two outputs, normalised, must be equal. */
    private static List<String> sameOutput(String name, Map<String, String> sparkConf) throws Exception {
        List<String> coldLines = normalised(run(cold::run, name, "cold-" + name, sparkConf), "cold-" + name, name);
        List<String> warmLines = normalised(run(warm::run, name, "warm-" + name, sparkConf), "warm-" + name, name);
        assertEquals(String.join("\n", coldLines), String.join("\n", warmLines),
                name + ": a fresh spark-submit and the worker printed different lines");
        assertFalse(coldLines.isEmpty(), name + " printed nothing");
        return warmLines;
    }

    private interface Run {
        ProcessRun run(List<String> args, SecretValues secrets);
    }

    private static List<String> run(Run how, String name, String namespace, Map<String, String> sparkConf)
            throws Exception {
        ObjectNode tree = ApiJson.mapper().valueToTree(TestApps.sparkPi());
        ((ObjectNode) tree.path("spec")).set("sparkConf", ApiJson.mapper().valueToTree(sparkConf));
        SparkApplication app = ApiJson.mapper().treeToValue(tree, SparkApplication.class);
        app.getMetadata().setName(name);
        app.getMetadata().setNamespace(namespace);
        try (PodTemplateFiles files = PodTemplateFiles.write(config.workDir(), namespace,
                PodTemplateRenderer.render(app))) {
            List<String> args = SubmitArguments.build(app, namespace, config.masterUrl(), files.paths(),
                    config.arguments());
            ProcessRun.Exited exited = assertInstanceOf(ProcessRun.Exited.class, how.run(args, SecretValues.none()));
            return exited.stderr();
        }
    }

    /**
     * Lines with times, the app's name, generated names, ports and paths masked. Left out: what a JVM prints once in its life, about
     * itself and not the submission (its start-up options and warnings, its host name, Hadoop's native library, and
     * which log4j profile Spark loaded: the worker loads it once, silently), blank lines, and the worker's own frames.
     */
    private static List<String> normalised(List<String> lines, String namespace, String app) {
        return lines.stream()
                .filter(l -> !l.isBlank() && !ONCE_PER_JVM.matcher(l).find() && !l.startsWith(WORKER_FRAME))
                .map(l -> l.replace(namespace, "<ns>").replace(app, "<app>")
                        .replaceAll(",\\{\"class\":\"io\\.sparkoperator\\.worker\\.[^}]*}", "")
                        .replaceAll("\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d", "<time>")
                        .replaceAll("\"ts\":\"[^\"]*\"", "\"ts\":\"<time>\"")
                        .replaceAll("spark-[0-9a-f]{32}", "spark-<id>")
                        .replaceAll("spark-drv-[0-9a-f]+", "spark-drv-<id>")
                        .replaceAll("spark-exec-[0-9a-f]+", "spark-exec-<id>")
                        .replaceAll("-[0-9a-f]{16}-driver", "-<hash>-driver")
                        .replaceAll("(creation time|start time|phase|pod uid|node name): .*", "$1: <masked>")
                        .replaceAll(":\\d{4,5}", ":<port>")
                        .replaceAll("/tmp/\\S+", "<tmp>"))
                .toList();
    }
}
