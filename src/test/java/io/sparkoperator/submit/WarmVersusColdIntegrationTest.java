package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.SparkMockApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm path creates exactly what a fresh spark-submit creates: every SparkApplication in {@code examples/}
 * (a ScheduledSparkApplication's template as its run), plus the test manifests, submitted once by a new
 * spark-submit JVM and once by a submission worker against fabric8's mock, and the driver pod, Services and
 * ConfigMaps compared field by field (generated names, IDs and times aside). Then 50 submissions in a row through
 * one worker across two namespaces: each gets objects of its own (the trap: Spark fixes the driver ConfigMap name
 * for a JVM's life, which the mock would silently let through as an overwrite).
 */
@Tag("integration")
class WarmVersusColdIntegrationTest {
    @TempDir
    static Path work;
    static KubernetesMockServer server;
    static KubernetesClient client;
    static Submitter cold;
    static Submitter warm;

    @BeforeAll
    static void start() {
        server = SparkMockApiServer.start();
        client = server.createClient();
        SubmitterConfig config = SparkMockApiServer.submitterConfig(server, work)
                .withTimeout(Duration.ofSeconds(120))
                .withMaxConcurrentSubmits(1);
        cold = new Submitter(config);
        warm = new Submitter(config, WorkerSettings.defaults());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {warm, cold, client}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // teardown goes on
            }
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    @Timeout(900)
    void everyManifestCreatesTheSameObjectsWarmAsCold() throws IOException {
        List<SparkApplication> apps = manifests();
        assertTrue(apps.size() >= 17, "examples and test manifests: " + apps.size());
        int i = 0;
        for (SparkApplication app : apps) {
            i++;
            String name = app.getMetadata().getName();
            Map<String, JsonNode> coldObjects = submitInto(cold, app, "cold-ns-" + i);
            Map<String, JsonNode> warmObjects = submitInto(warm, app, "warm-ns-" + i);
            assertTrue(coldObjects.keySet().stream().anyMatch(k -> k.startsWith("Pod/")), name + ": no driver pod");
            assertTrue(coldObjects.keySet().stream().anyMatch(k -> k.startsWith("ConfigMap/")), name + ": no ConfigMap");
            assertEquals(coldObjects.keySet(), warmObjects.keySet(), name + ": the objects created");
            for (String key : coldObjects.keySet()) {
                String coldText = coldObjects.get(key).toPrettyString();
                String warmText = warmObjects.get(key).toPrettyString();
                assertEquals(coldText, warmText, () -> name + ": " + key + " differs between a fresh spark-submit"
                        + " and the submission worker: " + firstDifference(coldText, warmText));
            }
        }
        assertEquals(1, warm.workersStarted(), "one worker did every warm submission");
        assertEquals(0, warm.workerFallbacks());
    }

    @Test
    @Timeout(600)
    void fiftySubmissionsInARowThroughOneWorkerEachGetTheirOwnObjects() {
        Set<Long> workerPids = new HashSet<>();
        Set<String> configMaps = new HashSet<>();
        Map<String, JsonNode> first = null;
        for (int i = 0; i < 50; i++) {
            String driverName = "pi-" + i + "-driver";
            String namespace = i % 2 == 0 ? "loop-a" : "loop-b";
            SparkApplication app = TestApps.sparkPi();
            app.getMetadata().setName("pi-" + i);
            app.getMetadata().setNamespace(namespace);
            SubmitResult result = warm.submit(app, "loop-" + i);
            assertInstanceOf(SubmitResult.Submitted.class, result, "submission " + i + ": " + result);
            workerPids.addAll(warm.workerPids());
            assertToldItsApplicationId(result, namespace, driverName);
            Pod driver = client.pods().inNamespace(namespace).withName(driverName).get();
            String configMap = driver.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null
                    && v.getConfigMap().getName().startsWith("spark-drv-")).findFirst().orElseThrow()
                    .getConfigMap().getName();
            assertTrue(configMaps.add(configMap), "submission " + i + " reuses driver ConfigMap " + configMap);
            ConfigMap stored = client.configMaps().inNamespace(namespace).withName(configMap).get();
            assertEquals(driverName, stored.getMetadata().getOwnerReferences().get(0).getName(),
                    "submission " + i + ": its ConfigMap belongs to its own driver");
            assertTrue(stored.getData().values().stream().anyMatch(v -> v.contains(driverName)),
                    "submission " + i + ": its ConfigMap carries its own conf");
            Map<String, JsonNode> objects = normalised(namespace, "pi-" + i);
            if (first == null) {
                first = objects;
            } else {
                String expected = first.toString();
                String actual = objects.toString();
                int n = i;
                assertEquals(expected, actual, () -> "submission " + n + " created other objects: "
                        + firstDifference(expected, actual));
            }
        }
        assertEquals(1, workerPids.size(), "all 50 in one worker: " + workerPids);
        assertEquals(1, warm.workersAlive());
    }

    /** What spark-submit printed gives the app ID at SUBMITTED: the one on the driver pod it created. */
    private static void assertToldItsApplicationId(SubmitResult result, String namespace, String driverName) {
        Pod driver = client.pods().inNamespace(namespace).withName(driverName).get();
        String label = driver.getMetadata().getLabels().get(Labels.SPARK_APP_SELECTOR);
        assertTrue(label != null && label.startsWith("spark-"), driverName + " labelled " + label);
        assertEquals(label, ((SubmitResult.Submitted) result).sparkApplicationId(), driverName);
    }

    /** Where two texts part, with a little context: the assertion message stays readable. */
    static String firstDifference(String expected, String actual) {
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 120);
        return "cold/first: ..." + expected.substring(from, Math.min(expected.length(), at + 120))
                + "...\nwarm/this: ..." + actual.substring(from, Math.min(actual.length(), at + 120)) + "...";
    }

    private static Map<String, JsonNode> submitInto(Submitter submitter, SparkApplication original, String namespace) {
        SparkApplication app = ApiJson.parse(ApiJson.toJson(original), SparkApplication.class);
        app.getMetadata().setNamespace(namespace);
        SubmitResult result = submitter.submit(app, "same-submission-id");
        assertInstanceOf(SubmitResult.Submitted.class, result, original.getMetadata().getName() + " in "
                + namespace + ": " + result);
        assertToldItsApplicationId(result, namespace, app.getMetadata().getName() + "-driver");
        return normalised(namespace, app.getMetadata().getName());
    }

    /**
     * The objects of one app in a namespace (its driver pod and what the pod owns), keyed by kind and name, with
     * what differs from run to run by design masked.
     */
    static Map<String, JsonNode> normalised(String namespace, String appName) {
        Map<String, JsonNode> out = new TreeMap<>();
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.pods().inNamespace(namespace).list().getItems());
        objects.addAll(client.services().inNamespace(namespace).list().getItems());
        objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
        String driver = appName + "-driver";
        for (HasMetadata object : objects) {
            boolean ownObject = object.getMetadata().getName().equals(driver) || object.getMetadata()
                    .getOwnerReferences().stream().anyMatch(owner -> owner.getName().equals(driver));
            if (!ownObject) {
                continue;
            }
            ObjectNode tree = ApiJson.mapper().valueToTree(object);
            ObjectNode meta = (ObjectNode) tree.path("metadata");
            meta.remove(List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields",
                    "namespace"));
            String text = mask(tree.toString(), namespace, appName);
            out.put(object.getKind() + "/" + mask(object.getMetadata().getName(), namespace, appName),
                    ApiJson.parse(text, JsonNode.class));
        }
        return out;
    }

    /**
     * Generated per submission by Spark itself, fresh or warm: the app ID ({@code spark-<32 hex>}), the resource
     * name prefix and ConfigMap suffixes (16 hex), the submit time and the properties file's date line; the submission's own pod template directory; UUIDs (Spark's local
     * dirs, the uids the mock gives a driver pod, in its objects' owner references); and the test's own namespace and app names.
     */
    static String mask(String text, String namespace, String appName) {
        return text.replace(namespace, "NS")
                .replaceAll("templates/spark-submit-[^/]+/", "templates/<submission's own dir>/")
                .replaceAll("loop-\\d+", "loop-<n>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replace(appName, "APP")
                .replaceAll("[0-9a-f]{32}", "<id>")
                .replaceAll("[0-9a-f]{16}", "<prefix>")
                .replaceAll("spark\\.app\\.submitTime=\\d+", "spark.app.submitTime=<time>")
                .replaceAll("\\\\\"spark\\.app\\.submitTime\\\\\" *: *\\\\\"\\d+", "spark.app.submitTime=<time>")
                .replaceAll("spark\\.app\\.startTime=\\d+", "spark.app.startTime=<time>")
                .replaceAll("#\\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d \\w+ \\d{4}", "#<date>");
    }

    /** Every SparkApplication of examples/ (a ScheduledSparkApplication's template as one run), and the tests'. */
    static List<SparkApplication> manifests() throws IOException {
        List<SparkApplication> apps = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("examples"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode manifest = ApiJson.parse(Files.readString(file), JsonNode.class);
            String kind = manifest.path("kind").asText();
            if (kind.equals("SparkApplication")) {
                apps.add(withUid(ApiJson.parse(manifest.toString(), SparkApplication.class)));
            } else if (kind.equals("ScheduledSparkApplication")) {
                ObjectNode run = ApiJson.mapper().createObjectNode();
                run.put("apiVersion", manifest.path("apiVersion").asText()).put("kind", "SparkApplication");
                run.putObject("metadata").put("name", manifest.at("/metadata/name").asText() + "-1764720000")
                        .put("namespace", "default");
                run.set("spec", manifest.at("/spec/template"));
                apps.add(withUid(ApiJson.parse(run.toString(), SparkApplication.class)));
            }
        }
        apps.add(TestApps.sparkPi());
        apps.add(TestApps.parse("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: everything
                  namespace: default
                  uid: %s
                  labels: {team: data}
                spec:
                  type: Scala
                  image: docker.io/apache/spark:4.1.1
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  arguments: ["100", "--verbose"]
                  sparkVersion: 4.1.1
                  sparkConf: {spark.eventLog.enabled: "false", spark.sql.shuffle.partitions: "8"}
                  hadoopConf: {fs.s3a.endpoint: "http://minio:9000"}
                  deps: {jars: ["local:///opt/spark/jars/extra.jar"], files: ["local:///etc/app/app.conf"]}
                  volumes: [{name: scratch, emptyDir: {}}]
                  driver:
                    cores: 1
                    memory: 512m
                    env: [{name: GREETING, value: hello}]
                    configMaps: [{name: app-config, path: /etc/app}]
                    secrets: [{name: gcp-key, path: /etc/secrets, secretType: GCPServiceAccount}]
                    tolerations: [{key: dedicated, operator: Equal, value: spark, effect: NoSchedule}]
                    nodeSelector: {pool: spark}
                    annotations: {note: driver}
                    volumeMounts: [{name: scratch, mountPath: /scratch}]
                    serviceAccount: spark
                  executor:
                    instances: 2
                    cores: 1
                    memory: 1g
                    labels: {role: worker}
                """.formatted(TestApps.UID)));
        return apps;
    }

    private static SparkApplication withUid(SparkApplication app) {
        app.getMetadata().setUid(TestApps.UID);
        if (app.getMetadata().getNamespace() == null) {
            app.getMetadata().setNamespace("default");
        }
        return app;
    }
}
