package io.sparkoperator.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.submit.SubmitResult;
import io.sparkoperator.submit.Submitter;
import io.sparkoperator.testing.SparkMockApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real spark-submit (Spark 4.1.1) of an app prepared for Volcano and one for YuniKorn, against the CRUD mock:
 * the driver pod Spark created carries the scheduler's annotations, labels and schedulerName, and so does the
 * executor template Spark hands to the driver (in the ConfigMap it mounts), from which every executor is made.
 */
@Tag("integration")
class BatchSubmitIntegrationTest {
    @TempDir
    static Path work;
    static KubernetesMockServer server;
    static KubernetesClient client;
    static Submitter submitter;
    static BatchScheduling batch;

    @BeforeAll
    static void start() {
        server = SparkMockApiServer.start();
        client = server.createClient();
        submitter = new Submitter(SparkMockApiServer.submitterConfig(server, work)
                .withTimeout(Duration.ofSeconds(90)));
        batch = new BatchScheduling(client, new BatchSettings(true, "", List.of(), false));
    }

    @AfterAll
    static void stop() {
        if (submitter != null) {
            submitter.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    private static SparkApplication app(String name, String scheduler) {
        return SchedulerPlansTest.app(name, """
                type: Scala
                image: docker.io/apache/spark:4.1.1
                mainClass: org.apache.spark.examples.SparkPi
                mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                sparkVersion: 4.1.1
                batchScheduler: %s
                batchSchedulerOptions: {queue: root.spark}
                driver: {cores: 1, memory: 512m}
                executor: {instances: 2, cores: 1, memory: 512m}
                """.formatted(scheduler));
    }

    private static Pod submit(SparkApplication app) {
        BatchScheduling.Prepared prepared = batch.prepare(app);
        var ready = assertInstanceOf(BatchScheduling.Prepared.Ready.class, prepared, prepared::toString);
        SubmitResult result = submitter.submit(ready.app(), "it-" + app.getMetadata().getName());
        assertInstanceOf(SubmitResult.Submitted.class, result, result::toString);
        Pod driver = client.pods().inNamespace("default").withName(app.getMetadata().getName() + "-driver").get();
        assertNotNull(driver, "spark-submit created no driver pod");
        return driver;
    }

    /** The executor template as Spark stored it for the driver (its pod-template ConfigMap). */
    private static Pod executorTemplate(String app) {
        ConfigMap map = client.configMaps().inNamespace("default").list().getItems().stream()
                .filter(cm -> cm.getMetadata().getName().contains("podspec")
                        && cm.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getName().equals(app + "-driver")))
                .findFirst().orElseThrow(() -> new AssertionError("no pod template ConfigMap for " + app + ": "
                        + client.configMaps().inNamespace("default").list().getItems().stream()
                        .map(cm -> cm.getMetadata().getName()).toList()));
        return ApiJson.parse(map.getData().values().iterator().next(), Pod.class);
    }

    @Test
    @Timeout(240)
    void volcanoAndYunikornFieldsReachTheDriverPodAndTheExecutorTemplate() {
        Pod volcanoDriver = submit(app("it-volcano", "volcano"));
        assertEquals("spark-it-volcano-pg", volcanoDriver.getMetadata().getAnnotations()
                .get("scheduling.k8s.io/group-name"));
        assertEquals("volcano", volcanoDriver.getSpec().getSchedulerName());
        Pod volcanoExecutors = executorTemplate("it-volcano");
        assertEquals("spark-it-volcano-pg", volcanoExecutors.getMetadata().getAnnotations()
                .get("scheduling.k8s.io/group-name"));
        assertEquals("volcano", volcanoExecutors.getSpec().getSchedulerName());
        assertNotNull(client.genericKubernetesResources(PodGroupApi.VOLCANO.context()).inNamespace("default")
                .withName("spark-it-volcano-pg").get(), "the PodGroup was made before spark-submit");

        Pod yunikornDriver = submit(app("it-yunikorn", "yunikorn"));
        assertEquals("yunikorn", yunikornDriver.getSpec().getSchedulerName());
        assertEquals("root.spark", yunikornDriver.getMetadata().getLabels().get("queue"));
        assertEquals("spark-driver", yunikornDriver.getMetadata().getAnnotations()
                .get("yunikorn.apache.org/task-group-name"));
        assertEquals("""
                [{"name":"spark-driver","minMember":1,"minResource":{"cpu":"1","memory":"896Mi"}},\
                {"name":"spark-executor","minMember":2,"minResource":{"cpu":"1","memory":"896Mi"}}]""",
                yunikornDriver.getMetadata().getAnnotations().get("yunikorn.apache.org/task-groups"));
        Pod yunikornExecutors = executorTemplate("it-yunikorn");
        assertEquals("spark-executor", yunikornExecutors.getMetadata().getAnnotations()
                .get("yunikorn.apache.org/task-group-name"));
        assertEquals("root.spark", yunikornExecutors.getMetadata().getLabels().get("queue"));
        assertEquals("yunikorn", yunikornExecutors.getSpec().getSchedulerName());
    }
}
