package io.sparkoperator.batch;

import static io.sparkoperator.batch.SchedulerPlansTest.app;
import static io.sparkoperator.batch.SchedulerPlansTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.submit.PodTemplateRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver PDB object, the scheduler choice from the flags, canonical quantities, and the shaped templates. */
class SchedulingPartsTest {
    @Test
    void theDriverPdbIsTheGoOperatorsObject() throws Exception {
        assertEquals(json("""
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget",
                 "metadata":{"name":"pi-driver","namespace":"default",
                   "labels":{"sparkoperator.k8s.io/launched-by-spark-operator":"true","sparkoperator.k8s.io/app-name":"pi"},
                   "ownerReferences":[{"apiVersion":"sparkoperator.k8s.io/v1beta2","kind":"SparkApplication","name":"pi",
                     "uid":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","controller":true,"blockOwnerDeletion":true}]},
                 "spec":{"minAvailable":1,"selector":{"matchLabels":{"sparkoperator.k8s.io/app-name":"pi",
                   "spark-role":"driver"}}}}"""), json(DriverPdb.of(app("pi", "driverPodDisruptionBudget: true\n"))));
        assertEquals("custom", DriverPdb.of(app("pi", "driver: {podName: custom}\n")).getMetadata().getName(),
                "named like the driver pod");
    }

    @Test
    void theSchedulerComesFromTheSpecElseTheDefaultAndMustBeEnabled() {
        BatchSettings on = new BatchSettings(true, "yunikorn", List.of(" coscheduler "), false);
        assertEquals(new SchedulerChoice.Chosen(new YuniKorn()), SchedulerChoice.of(app("a", "driver: {}\n"), on));
        assertEquals(new SchedulerChoice.Chosen(new Volcano()),
                SchedulerChoice.of(app("a", "batchScheduler: volcano\n"), on));
        assertEquals(new SchedulerChoice.Chosen(new KubeScheduler("coscheduler")),
                SchedulerChoice.of(app("a", "batchScheduler: coscheduler\n"), on));
        assertEquals("failed during batch scheduler setup or check: failed to get scheduler other: scheduler other"
                + " not found (registered: volcano, yunikorn, coscheduler; more with --kube-scheduler-names)",
                ((SchedulerChoice.Unavailable) SchedulerChoice.of(app("a", "batchScheduler: other\n"), on)).message());
        assertEquals(new SchedulerChoice.None(), SchedulerChoice.of(app("a", "driver: {}\n"),
                BatchSettings.disabled()));
        assertInstanceOf(SchedulerChoice.Unavailable.class, SchedulerChoice.of(app("a", "batchScheduler: volcano\n"),
                BatchSettings.disabled()));
    }

    @Test
    void aDefaultSchedulerMustBeRegistered() {
        assertEquals(List.of(), new BatchSettings(true, "volcano", List.of(), false).problems());
        assertEquals(List.of("--default-batch-scheduler=kube is not a registered batch scheduler (registered:"
                + " volcano, yunikorn)"), new BatchSettings(true, "kube", List.of(), false).problems());
        assertEquals(List.of(), new BatchSettings(true, "kube", List.of("kube"), false).problems());
        assertEquals(List.of("--default-batch-scheduler=volcano needs --enable-batch-scheduler"),
                new BatchSettings(false, "volcano", List.of(), false).problems());
    }

    @Test
    void quantitiesAreWrittenAsClientGoWritesThem() {
        assertEquals("1792Mi", sum("896Mi", "896Mi"));
        assertEquals("2Gi", sum("1536Mi", "512Mi"));
        assertEquals("1500m", sum("500m", "1"));
        assertEquals("2", sum("1", "1"));
        assertEquals("500m", sum("0.5", "0"));
        assertEquals("1500", sum("1000", "500"));
        assertEquals("2k", sum("1000", "1000"));
    }

    private static String sum(String a, String b) {
        return Quantities.parse(a).plus(Quantities.parse(b)).text();
    }

    @Test
    void thePlanGoesIntoBothPodTemplatesAndWinsOverTheSpec() throws Exception {
        SparkApplication app = app("pi", """
                batchScheduler: yunikorn
                batchSchedulerOptions: {queue: root.spark}
                driver:
                  cores: 1
                  memory: 512m
                  schedulerName: my-scheduler
                  labels: {queue: mine, team: a}
                  template:
                    metadata:
                      annotations: {keep: me}
                executor: {instances: 1, cores: 1, memory: 512m}
                """);
        SparkApplication shaped = AppForSubmission.of(app, new YuniKorn().plan(app));
        Pod driver = PodTemplateRenderer.render(shaped).driver();
        Pod executor = PodTemplateRenderer.render(shaped).executor();
        assertEquals("yunikorn", driver.getSpec().getSchedulerName());
        assertEquals("yunikorn", executor.getSpec().getSchedulerName());
        assertEquals("root.spark", driver.getMetadata().getLabels().get("queue"));
        assertEquals("me", driver.getMetadata().getAnnotations().get("keep"));
        assertEquals("spark-executor", executor.getMetadata().getAnnotations().get(
                "yunikorn.apache.org/task-group-name"));
        assertEquals(Map.of("team", "a"), shaped.getSpec().driver().labels(),
                "the spec's own queue label would override the template's through the conf: it gives way");
        assertEquals(Map.of("queue", "mine", "team", "a"), app.getSpec().driver().labels(), "the app is not changed");
        assertNull(app.getSpec().executor().template());
        assertTrue(app.getSpec().driver().template().getMetadata().getLabels() == null
                || app.getSpec().driver().template().getMetadata().getLabels().isEmpty());
    }

    @Test
    void aRefusedCleanupIsLoggedAndTheRestStillGoes() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            server.expect().delete().withPath("/apis/scheduling.volcano.sh/v1beta1/namespaces/default/podgroups/spark-pi-pg")
                    .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
            server.expect().delete().withPath("/apis/policy/v1/namespaces/default/poddisruptionbudgets/pi-driver")
                    .andReturn(200, "{\"kind\":\"Status\",\"code\":200}").once();
            new BatchScheduling(client, new BatchSettings(true, "", List.of(), true)).release("default", "pi", null);
            List<String> paths = new java.util.ArrayList<>();
            for (int i = 0; i < server.getRequestCount(); i++) {
                paths.add(server.takeRequest().getPath());
            }
            assertTrue(paths.getLast().endsWith("/poddisruptionbudgets/pi-driver"), paths.toString());
        } finally {
            server.destroy();
        }
    }
}
