package io.sparkoperator.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.KeyedDispatcherTest;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.submit.PodTemplateRenderer;
import io.sparkoperator.testing.FakeKubelet;
import io.sparkoperator.testing.LifecycleRig;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import io.sparkoperator.testing.TestOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole lifecycles with batch schedulers against the CRUD mock (PodGroups as generic resources): what a user sees
 * of the PodGroups, the driver PodDisruptionBudget, the driver pod and the executor template, through runs, a
 * rerun, a suspension and the end; and the visible failure of a scheduler that is not enabled.
 */
class BatchSchedulingLifecycleTest {
    static final BatchSettings ENABLED = new BatchSettings(true, "", List.of("scheduler-plugins-scheduler"), true);

    private final LifecycleRig rig = new LifecycleRig(FakeKubelet.Plan.KEEP_RUNNING);
    private final MockCluster cluster = rig.cluster;
    private final FakeKubelet kubelet = rig.kubelet;
    private TestOperator operator;

    @AfterEach
    void close() {
        rig.close(operator);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        KeyedDispatcherTest.waitFor(condition, Duration.ofSeconds(30));
    }

    private AppState state(String name) {
        return SparkApplications.statusOf(cluster.getApp("default", name)).state();
    }

    private GenericKubernetesResource podGroup(PodGroupApi api, String name) {
        return cluster.client.genericKubernetesResources(api.context()).inNamespace("default").withName(name).get();
    }

    private PodDisruptionBudget pdb(String name) {
        return cluster.client.policy().v1().podDisruptionBudget().inNamespace("default").withName(name).get();
    }

    private Pod driver(String name) {
        return cluster.client.pods().inNamespace("default").withName(name).get();
    }

    private List<Event> events(String app) {
        return cluster.client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> app.equals(e.getInvolvedObject().getName())).toList();
    }

    private static JsonNode json(Object o) {
        return ApiJson.mapper().valueToTree(o);
    }

    private void assertOwnedByApp(GenericKubernetesResource object, String app) {
        assertOwnedByApp(object.getMetadata().getOwnerReferences(), app);
    }

    private void assertOwnedByApp(List<OwnerReference> refs, String app) {
        assertEquals(1, refs.size(), refs.toString());
        OwnerReference ref = refs.get(0);
        assertEquals(cluster.getApp("default", app).getMetadata().getUid(), ref.getUid());
        assertEquals("SparkApplication", ref.getKind());
        assertEquals("sparkoperator.k8s.io/v1beta2", ref.getApiVersion());
        assertEquals(true, ref.getController());
        assertEquals(true, ref.getBlockOwnerDeletion());
    }

    @Test
    void volcanoGetsAPodGroupForTheRunAndThePodsJoinIt() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "pi", """
                  batchScheduler: volcano
                  batchSchedulerOptions:
                    queue: spark-queue
                    priorityClassName: high-priority
                """));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("pi") == AppState.RUNNING);

        GenericKubernetesResource group = podGroup(PodGroupApi.VOLCANO, "spark-pi-pg");
        assertNotNull(group, "PodGroup spark-pi-pg");
        assertEquals("scheduling.volcano.sh/v1beta1", group.getApiVersion());
        // driver 512m + 384Mi overhead, one executor alike: what the Go operator writes.
        assertEquals(ApiJson.mapper().readTree("""
                {"minMember":1,"minResources":{"cpu":"2","memory":"1792Mi"},"queue":"spark-queue",
                 "priorityClassName":"high-priority"}"""), json(group.getAdditionalProperties().get("spec")));
        assertOwnedByApp(group, "pi");

        Pod pod = driver("pi-driver");
        assertEquals("spark-pi-pg", pod.getMetadata().getAnnotations().get("scheduling.k8s.io/group-name"));
        assertEquals("volcano", pod.getSpec().getSchedulerName());
        Pod executorTemplate = PodTemplateRenderer.render(operator.submit.submittedApps.get(0)).executor();
        assertEquals("spark-pi-pg", executorTemplate.getMetadata().getAnnotations().get("scheduling.k8s.io/group-name"));
        assertEquals("volcano", executorTemplate.getSpec().getSchedulerName());
        Map<?, ?> storedDriver = (Map<?, ?>) ((Map<?, ?>) cluster.getApp("default", "pi").getAdditionalProperties()
                .get("spec")).get("driver");
        assertFalse(storedDriver.containsKey("annotations") || storedDriver.containsKey("template"),
                "the stored spec is not written: " + storedDriver);

        kubelet.plan = FakeKubelet.Plan.SUCCEED;
        waitFor(() -> state("pi") == AppState.COMPLETED);
        waitFor(() -> podGroup(PodGroupApi.VOLCANO, "spark-pi-pg") == null);
    }

    @Test
    void aRerunGetsAFreshPodGroupAndTheOldOneIsGoneBeforeSubmission() throws Exception {
        kubelet.plan = FakeKubelet.Plan.FAIL;
        cluster.createApp(TestApps.sparkPi("default", "flaky", """
                  batchScheduler: volcano
                  restartPolicy:
                    type: OnFailure
                    onFailureRetries: 1
                    onFailureRetryInterval: 1
                """));
        operator = new TestOperator(cluster.client, ENABLED);
        List<String> seenAtSubmit = new CopyOnWriteArrayList<>();
        operator.submit.onSubmit = app -> {
            GenericKubernetesResource group = podGroup(PodGroupApi.VOLCANO, "spark-flaky-pg");
            seenAtSubmit.add(group == null ? "none" : group.getMetadata().getUid());
        };
        operator.start();
        waitFor(() -> state("flaky") == AppState.FAILED);

        assertEquals(2, seenAtSubmit.size(), seenAtSubmit.toString());
        assertFalse(seenAtSubmit.contains("none"), "the PodGroup exists before each spark-submit: " + seenAtSubmit);
        assertNotEquals(seenAtSubmit.get(0), seenAtSubmit.get(1), "the rerun's PodGroup is a new object");
        waitFor(() -> podGroup(PodGroupApi.VOLCANO, "spark-flaky-pg") == null);
    }

    @Test
    void deletingTheAppInTheForegroundRemovesItsPodGroupAndPdb() throws Exception {
        // A foreground deletion leaves the app with a deletionTimestamp until its dependents are gone (here the
        // finalizer stands in for the garbage collector, which the mock does not run).
        cluster.createApp(TestApps.sparkPi("default", "gone", """
                  batchScheduler: volcano
                  driverPodDisruptionBudget: true
                """).replace("  namespace: default\n", "  namespace: default\n  finalizers: [foregroundDeletion]\n"));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("gone") == AppState.RUNNING && pdb("gone-driver") != null
                && podGroup(PodGroupApi.VOLCANO, "spark-gone-pg") != null);
        assertOwnedByApp(podGroup(PodGroupApi.VOLCANO, "spark-gone-pg"), "gone");

        SparkApplications.api(cluster.client).inNamespace("default").withName("gone").delete();
        waitFor(() -> podGroup(PodGroupApi.VOLCANO, "spark-gone-pg") == null && pdb("gone-driver") == null
                && driver("gone-driver") == null);
        assertNotNull(cluster.getApp("default", "gone").getMetadata().getDeletionTimestamp());
    }

    @Test
    void yunikornDescribesTheGangOnThePodsAndMakesNoObjects() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "yk", """
                  batchScheduler: yunikorn
                  batchSchedulerOptions:
                    queue: root.default
                """));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("yk") == AppState.RUNNING);

        Pod pod = driver("yk-driver");
        assertEquals("yunikorn", pod.getSpec().getSchedulerName());
        assertEquals("root.default", pod.getMetadata().getLabels().get("queue"));
        assertEquals("spark-driver", pod.getMetadata().getAnnotations().get("yunikorn.apache.org/task-group-name"));
        assertEquals(ApiJson.mapper().readTree("""
                [{"name":"spark-driver","minMember":1,"minResource":{"cpu":"1","memory":"896Mi"}},
                 {"name":"spark-executor","minMember":1,"minResource":{"cpu":"1","memory":"896Mi"}}]"""),
                ApiJson.mapper().readTree(pod.getMetadata().getAnnotations().get("yunikorn.apache.org/task-groups")));
        Pod executorTemplate = PodTemplateRenderer.render(operator.submit.submittedApps.get(0)).executor();
        assertEquals("spark-executor",
                executorTemplate.getMetadata().getAnnotations().get("yunikorn.apache.org/task-group-name"));
        assertEquals("root.default", executorTemplate.getMetadata().getLabels().get("queue"));
        assertEquals("yunikorn", executorTemplate.getSpec().getSchedulerName());
        assertNull(podGroup(PodGroupApi.VOLCANO, "spark-yk-pg"));
    }

    @Test
    void aKubeSchedulerNameGetsASchedulerPluginsPodGroupAndTheLabel() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "co", "  batchScheduler: scheduler-plugins-scheduler\n"));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("co") == AppState.RUNNING);

        GenericKubernetesResource group = podGroup(PodGroupApi.SCHEDULER_PLUGINS, "co-pg");
        assertNotNull(group, "PodGroup co-pg");
        assertEquals("scheduling.x-k8s.io/v1alpha1", group.getApiVersion());
        assertEquals(ApiJson.mapper().readTree("""
                {"minMember":1,"minResources":{"cpu":"2","memory":"1792Mi"}}"""),
                json(group.getAdditionalProperties().get("spec")));
        assertOwnedByApp(group, "co");
        Pod pod = driver("co-driver");
        assertEquals("co-pg", pod.getMetadata().getLabels().get("scheduling.x-k8s.io/pod-group"));
        assertEquals("scheduler-plugins-scheduler", pod.getSpec().getSchedulerName());

        kubelet.plan = FakeKubelet.Plan.SUCCEED;
        waitFor(() -> state("co") == AppState.COMPLETED);
        waitFor(() -> podGroup(PodGroupApi.SCHEDULER_PLUGINS, "co-pg") == null);
    }

    @Test
    void aSchedulerThatIsNotEnabledFailsTheSubmissionVisibly() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "off", "  batchScheduler: volcano\n"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("off") == AppState.FAILED);
        String message = SparkApplications.statusOf(cluster.getApp("default", "off")).applicationState().errorMessage();
        assertTrue(message.contains("batch scheduling is not enabled") && message.contains("--enable-batch-scheduler"),
                message);
        assertTrue(events("off").stream().anyMatch(e -> e.getReason().equals("SparkApplicationSubmissionFailed")
                && e.getMessage().contains("--enable-batch-scheduler")), events("off").toString());
        operator.close();

        cluster.createApp(TestApps.sparkPi("default", "typo", "  batchScheduler: volcanoo\n"));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("typo") == AppState.FAILED);
        String typo = SparkApplications.statusOf(cluster.getApp("default", "typo")).applicationState().errorMessage();
        assertTrue(typo.contains("scheduler volcanoo not found"), typo);
        assertTrue(typo.contains("volcano, yunikorn, scheduler-plugins-scheduler"), typo);
        assertEquals(0, operator.submit.calls(), "spark-submit never ran");
    }

    @Test
    void theDriverPdbLivesWithTheDriverAndGoesOnSuspendAndAtTheEnd() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "pi", "  driverPodDisruptionBudget: true\n"));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("pi") == AppState.RUNNING && pdb("pi-driver") != null);

        PodDisruptionBudget budget = pdb("pi-driver");
        assertEquals(1, budget.getSpec().getMinAvailable().getIntVal());
        assertEquals(Map.of(Labels.APP_NAME, "pi", Labels.SPARK_ROLE, "driver"),
                budget.getSpec().getSelector().getMatchLabels());
        assertEquals(Map.of(Labels.APP_NAME, "pi", Labels.LAUNCHED_BY_SPARK_OPERATOR, "true"),
                budget.getMetadata().getLabels());
        assertOwnedByApp(budget.getMetadata().getOwnerReferences(), "pi");

        editSpec("pi", spec -> spec.put("suspend", true));
        waitFor(() -> state("pi") == AppState.SUSPENDED && pdb("pi-driver") == null);
        editSpec("pi", spec -> spec.put("suspend", false));
        waitFor(() -> state("pi") == AppState.RUNNING && pdb("pi-driver") != null);

        kubelet.plan = FakeKubelet.Plan.SUCCEED;
        waitFor(() -> state("pi") == AppState.COMPLETED);
        waitFor(() -> pdb("pi-driver") == null);
    }

    @Test
    void withoutTheOperatorFlagNoPdbIsMadeAndTheAppIsTold() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "pi", "  driverPodDisruptionBudget: true\n"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING && events("pi").stream()
                .anyMatch(e -> e.getReason().equals("SparkApplicationSpecNotApplied")));
        assertNull(pdb("pi-driver"));
        assertTrue(events("pi").stream().anyMatch(e -> e.getMessage().contains("--enable-driver-pdb")));
    }

    @Test
    void aKueueQueuedAppWaitsSuspendedAndIsSubmittedWhenAdmitted() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "queued", "  suspend: true\n").replace("""
                  namespace: default
                """, """
                  namespace: default
                  labels:
                    kueue.x-k8s.io/queue-name: user-queue
                """));
        operator = new TestOperator(cluster.client, ENABLED).start();
        waitFor(() -> state("queued") == AppState.SUSPENDED);
        Thread.sleep(300);
        assertEquals(0, operator.submit.calls(), "a suspended app is not submitted");

        editSpec("queued", spec -> spec.put("suspend", false));
        waitFor(() -> state("queued") == AppState.RUNNING);
        assertEquals(1, operator.submit.calls());
        SparkApplication submitted = operator.submit.submittedApps.get(0);
        Pod executorTemplate = PodTemplateRenderer.render(submitted).executor();
        List<OwnerReference> owners = executorTemplate.getMetadata().getOwnerReferences();
        assertEquals(1, owners.size(), "executors are the app's children for Kueue");
        assertEquals(cluster.getApp("default", "queued").getMetadata().getUid(), owners.get(0).getUid());
        assertNull(driver("queued-driver").getMetadata().getLabels().get("kueue.x-k8s.io/queue-name"),
                "the Kueue label stays on the app");
    }

    private void editSpec(String name, Consumer<Map<String, Object>> edit) {
        for (int attempt = 0; ; attempt++) {
            var app = cluster.getApp("default", name);
            @SuppressWarnings("unchecked")
            var spec = (Map<String, Object>) app.getAdditionalProperties().get("spec");
            edit.accept(spec);
            try {
                SparkApplications.api(cluster.client).inNamespace("default").resource(app).update();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 20) {
                    throw e;
                }
            }
        }
    }
}
