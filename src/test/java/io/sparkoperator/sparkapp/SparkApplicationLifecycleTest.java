package io.sparkoperator.sparkapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.runtime.KeyedDispatcherTest;
import io.sparkoperator.runtime.LeaderElectionOptions;
import io.sparkoperator.testing.FakeKubelet;
import io.sparkoperator.testing.LifecycleRig;
import io.sparkoperator.testing.FakeSparkSubmit;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import io.sparkoperator.testing.TestOperator;
import io.sparkoperator.ui.IngressOptions;
import io.sparkoperator.ui.UiServiceOptions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole SparkApplication lifecycles against the CRUD mock, a fake spark-submit and a fake kubelet. */
class SparkApplicationLifecycleTest {
    private final LifecycleRig rig = new LifecycleRig();
    private final MockCluster cluster = rig.cluster;
    private final FakeKubelet kubelet = rig.kubelet;
    private TestOperator operator;

    @AfterEach
    void close() throws Exception {
        rig.close(operator);
    }

    /** Lifecycles take well under a second each; the patience covers a stalled request's time-out and retry. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        KeyedDispatcherTest.waitFor(condition, java.time.Duration.ofSeconds(30));
    }

    private SparkApplicationStatus status(String name) {
        return SparkApplications.statusOf(cluster.getApp("default", name));
    }

    private AppState state(String name) {
        return status(name).state();
    }

    private List<Pod> drivers(String app) {
        return cluster.client.pods().inNamespace("default").withLabel(Labels.APP_NAME, app)
                .withLabel(Labels.SPARK_ROLE, Labels.ROLE_DRIVER).list().getItems();
    }

    private List<String> eventReasons(String app) {
        return cluster.client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> app.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    @Test
    void aSuccessfulRunIsSubmittedFollowedCompletedAndItsUiServiceRemoved() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);
        SparkApplicationStatus running = status("pi");
        assertEquals("pi-driver", running.driverInfo().podName());
        assertEquals("pi-ui-svc", running.driverInfo().webUIServiceName());
        assertEquals(4040, running.driverInfo().webUIPort());
        // The mock assigns Services no clusterIP: the address is left out, not recorded as ":4040".
        assertNull(running.driverInfo().webUIAddress());
        assertNotNull(cluster.client.services().inNamespace("default").withName("pi-ui-svc").get());
        assertEquals(running.submissionID(), drivers("pi").get(0).getMetadata().getLabels().get(Labels.SUBMISSION_ID));
        assertEquals("spark-" + running.submissionID().replace("-", ""), running.sparkApplicationId());

        kubelet.plan = FakeKubelet.Plan.SUCCEED;
        waitFor(() -> state("pi") == AppState.COMPLETED);
        SparkApplicationStatus done = status("pi");
        assertEquals(1, done.executionAttemptCount());
        assertEquals(1, done.submissionAttemptCount());
        assertNotNull(done.terminationTime());
        assertEquals(1, operator.submit.calls());
        waitFor(() -> cluster.client.services().inNamespace("default").withName("pi-ui-svc").get() == null);
        assertEquals(1, drivers("pi").size(), "the finished driver pod stays for its logs");
        assertTrue(eventReasons("pi").containsAll(List.of("SparkApplicationAdded", "SparkApplicationSubmitted",
                "SparkDriverRunning", "SparkDriverCompleted", "SparkApplicationCompleted")), eventReasons("pi").toString());
        assertTrue(Set.of(AppState.SUBMITTED, AppState.RUNNING, AppState.SUCCEEDING, AppState.COMPLETED, AppState.NEW)
                .containsAll(operator.states("default", "pi")), operator.states("default", "pi").toString());
    }

    @Test
    void withAnIngressUrlFormatTheUiIngressIsMadeRecordedAndRemovedWithTheService() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        UiServiceOptions ui = new UiServiceOptions(true, true, new IngressOptions("ui.example.com/{{$appNamespace}}/{{$appName}}",
                "nginx", java.util.Map.of(), List.of()));
        operator = new TestOperator(cluster.client, "operator", LeaderElectionOptions.defaults(), ui,
                io.sparkoperator.state.StateMachineConfig.defaults()).start();
        waitFor(() -> state("pi") == AppState.RUNNING && status("pi").driverInfo().webUIIngressName() != null);
        SparkApplicationStatus running = status("pi");
        assertEquals("pi-ui-ingress", running.driverInfo().webUIIngressName());
        assertEquals("http://ui.example.com/default/pi", running.driverInfo().webUIIngressAddress());
        var ingress = cluster.client.network().v1().ingresses().inNamespace("default").withName("pi-ui-ingress").get();
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals("/default/pi(/|$)(.*)", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath());

        kubelet.plan = FakeKubelet.Plan.SUCCEED;
        waitFor(() -> state("pi") == AppState.COMPLETED
                && cluster.client.network().v1().ingresses().inNamespace("default").withName("pi-ui-ingress").get() == null
                && cluster.client.services().inNamespace("default").withName("pi-ui-svc").get() == null);
    }

    @Test
    void anIngressUrlWithTheAppIdIsCorrectedOnceTheDriverTellsTheId() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        UiServiceOptions ui = new UiServiceOptions(true, true, new IngressOptions("ui.example.com/{{ $appId }}",
                "", java.util.Map.of(), List.of()));
        operator = new TestOperator(cluster.client, "operator", LeaderElectionOptions.defaults(), ui,
                io.sparkoperator.state.StateMachineConfig.defaults());
        operator.submit.printsApplicationId = false;
        operator.start();
        waitFor(() -> state("pi") == AppState.RUNNING && status("pi").sparkApplicationId() != null);
        String appId = status("pi").sparkApplicationId();
        // The submitting pass made the Ingress before the ID was known (spark-submit did not say it); learning it
        // from the driver pod makes the UI again.
        waitFor(() -> ("http://ui.example.com/" + appId).equals(status("pi").driverInfo().webUIIngressAddress()));
        var ingress = cluster.client.network().v1().ingresses().inNamespace("default").withName("pi-ui-ingress").get();
        assertEquals("/" + appId + "(/|$)(.*)", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath());
    }

    @Test
    void theApplicationIdSparkSubmitPrintsIsInTheSubmittedWriteAndAPendingDriverCostsNoThirdWrite() throws Exception {
        try (MockCluster quiet = new MockCluster(); TestOperator alone = new TestOperator(quiet.client).start()) {
            // No kubelet: the driver stays Pending, as while its image is pulled.
            quiet.createApp(TestApps.sparkPi("default", "pi"));
            waitFor(() -> SparkApplications.statusOf(quiet.getApp("default", "pi")).state() == AppState.SUBMITTED);
            SparkApplicationStatus submitted = SparkApplications.statusOf(quiet.getApp("default", "pi"));
            Pod driver = quiet.client.pods().inNamespace("default").withName("pi-driver").get();
            assertEquals(driver.getMetadata().getLabels().get(Labels.SPARK_APP_SELECTOR),
                    submitted.sparkApplicationId());
            // The passes that follow (the status write's own event, the pod's) find nothing to change.
            Thread.sleep(2_000);
            assertEquals(List.of(AppState.NEW, AppState.SUBMITTED), alone.states("default", "pi"));
        }
    }

    @Test
    void runFailuresAreRetriedByTheRestartPolicyThenFail() throws Exception {
        kubelet.plan = FakeKubelet.Plan.FAIL;
        cluster.createApp(TestApps.sparkPi("default", "flaky", """
                  restartPolicy:
                    type: OnFailure
                    onFailureRetries: 3
                    onFailureRetryInterval: 1
                    onSubmissionFailureRetries: 3
                    onSubmissionFailureRetryInterval: 1
                """));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("flaky") == AppState.FAILED);
        SparkApplicationStatus failed = status("flaky");
        assertEquals(4, failed.executionAttemptCount());
        assertEquals(4, operator.submit.calls());
        assertTrue(failed.applicationState().errorMessage().contains("driver container failed"),
                failed.applicationState().errorMessage());
        assertEquals(1, drivers("flaky").size(), "each rerun replaced the previous driver");
        assertTrue(Set.of(AppState.NEW, AppState.SUBMITTED, AppState.RUNNING, AppState.FAILING, AppState.PENDING_RERUN,
                AppState.FAILED).containsAll(operator.states("default", "flaky")), operator.states("default", "flaky").toString());
    }

    @Test
    void submissionFailuresAreRetriedThenFailWithTheSparkSubmitError() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "broken", """
                  restartPolicy:
                    type: OnFailure
                    onSubmissionFailureRetries: 3
                    onSubmissionFailureRetryInterval: 1
                """));
        operator = new TestOperator(cluster.client);
        operator.submit.mode = FakeSparkSubmit.Mode.FAIL;
        operator.start();
        waitFor(() -> state("broken") == AppState.FAILED);
        SparkApplicationStatus failed = status("broken");
        assertEquals(4, failed.submissionAttemptCount());
        assertEquals(0, failed.executionAttemptCount());
        assertEquals(4, operator.submit.calls());
        assertTrue(failed.applicationState().errorMessage().startsWith(
                "failed to submit spark application: failed to run spark-submit: spark-submit exited with code 1"),
                failed.applicationState().errorMessage());
        assertTrue(Set.of(AppState.NEW, AppState.SUBMISSION_FAILED, AppState.FAILED)
                .containsAll(operator.states("default", "broken")), operator.states("default", "broken").toString());
        assertTrue(eventReasons("broken").contains("SparkApplicationSubmissionFailed"));
        assertTrue(drivers("broken").isEmpty());
    }

    @Test
    void alwaysRestartRerunsSuccessfulRunsWithNeverTwoDrivers() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "loop", """
                  restartPolicy:
                    type: Always
                    onFailureRetryInterval: 1
                    onSubmissionFailureRetryInterval: 1
                """));
        java.util.concurrent.atomic.AtomicInteger mostDrivers = new java.util.concurrent.atomic.AtomicInteger();
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> {
            mostDrivers.accumulateAndGet(drivers("loop").size(), Math::max);
            return status("loop").executionAttemptCount() >= 3;
        });
        assertEquals(1, mostDrivers.get());
        assertTrue(operator.states("default", "loop").contains(AppState.PENDING_RERUN));
        assertTrue(eventReasons("loop").contains("SparkApplicationPendingRerun"));
    }

    @Test
    void aSpecEditInvalidatesAndRerunsWithFreshCounters() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);
        String firstId = status("pi").submissionID();
        String firstPodUid = drivers("pi").get(0).getMetadata().getUid();

        editSpec("pi", spec -> spec.put("arguments", List.of("1000")));
        waitFor(() -> state("pi") == AppState.RUNNING && !firstId.equals(status("pi").submissionID()));
        assertEquals(1, status("pi").executionAttemptCount(), "counters were reset by INVALIDATING");
        List<Pod> now = drivers("pi");
        assertEquals(1, now.size());
        assertTrue(!firstPodUid.equals(now.get(0).getMetadata().getUid()), "the old driver was replaced");
        assertEquals(2, operator.submit.calls());
        assertTrue(operator.states("default", "pi").containsAll(List.of(AppState.INVALIDATING, AppState.PENDING_RERUN)));
    }

    @Test
    void suspendStopsTheDriverAndResumeSubmitsAgain() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);

        editSpec("pi", spec -> spec.put("suspend", true));
        // SUSPENDED is written first, then the driver and the UI Service are deleted.
        waitFor(() -> state("pi") == AppState.SUSPENDED && drivers("pi").isEmpty()
                && cluster.client.services().inNamespace("default").withName("pi-ui-svc").get() == null);
        Thread.sleep(300);
        assertEquals(AppState.SUSPENDED, state("pi"));
        assertEquals(1, operator.submit.calls());

        editSpec("pi", spec -> spec.put("suspend", false));
        waitFor(() -> state("pi") == AppState.RUNNING);
        assertEquals(2, operator.submit.calls());
        assertTrue(operator.states("default", "pi").containsAll(List.of(AppState.SUSPENDING, AppState.SUSPENDED,
                AppState.RESUMING)), operator.states("default", "pi").toString());
        assertTrue(eventReasons("pi").containsAll(List.of("SparkApplicationSuspending", "SparkApplicationSuspended",
                "SparkApplicationResuming")), eventReasons("pi").toString());
    }

    @Test
    void aFinishedAppIsDeletedWhenItsTimeToLiveExpires() throws Exception {
        cluster.createApp(TestApps.sparkPi("default", "short", "  timeToLiveSeconds: 30\n"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> cluster.getApp("default", "short") == null);
        assertTrue(operator.states("default", "short").contains(AppState.COMPLETED));
    }

    @Test
    void aDriverDeletedWhileRunningFailsTheApp() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);
        cluster.client.pods().inNamespace("default").withName("pi-driver").delete();
        waitFor(() -> state("pi") == AppState.FAILED);
        assertEquals("driver pod not found", status("pi").applicationState().errorMessage());
        assertTrue(eventReasons("pi").contains("SparkDriverNotFound"));
        assertEquals(1, operator.submit.calls());
    }

    @Test
    void anOperatorDyingBetweenSparkSubmitAndTheStatusWriteLeavesExactlyOneDriver() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        TestOperator first = new TestOperator(cluster.client);
        first.submit.hangAfterCreate = new java.util.concurrent.CountDownLatch(1);
        first.start();
        waitFor(() -> drivers("pi").size() == 1);
        SparkApplicationStatus recorded = status("pi");
        assertEquals(AppState.NEW, recorded.state());
        assertNotNull(recorded.submissionID(), "the submission ID was written before spark-submit ran");
        first.crash();
        assertEquals(AppState.NEW, state("pi"), "the dying operator wrote nothing after spark-submit");

        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);
        assertEquals(0, operator.submit.calls(), "the restarted operator adopted the driver instead of submitting");
        assertEquals(recorded.submissionID(), status("pi").submissionID());
        assertEquals(1, drivers("pi").size());
        assertEquals(1, status("pi").executionAttemptCount());
    }

    @Test
    void withTwoOperatorsOnlyTheLeaderSubmitsAndTheOtherTakesOver() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        LeaderElectionOptions election = new LeaderElectionOptions(true, "spark-operator-lock", "spark-operator",
                java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(1500), java.time.Duration.ofMillis(200));
        var clientB = cluster.newClient();
        TestOperator a = new TestOperator(cluster.client, "operator-a", election, UiServiceOptions.defaults(),
                io.sparkoperator.state.StateMachineConfig.defaults()).start();
        waitFor(a.gate::isLeader);
        TestOperator b = new TestOperator(clientB, "operator-b", election, UiServiceOptions.defaults(),
                io.sparkoperator.state.StateMachineConfig.defaults()).start();
        for (int i = 0; i < 3; i++) {
            cluster.createApp(TestApps.sparkPi("default", "app-" + i));
        }
        waitFor(() -> List.of("app-0", "app-1", "app-2").stream().allMatch(n -> state(n) == AppState.RUNNING));
        assertEquals(3, a.submit.calls());
        assertEquals(0, b.submit.calls());

        a.close();
        waitFor(b.gate::isLeader);
        // The mock cannot replay events between an informer's list and its watch (a real server can): let the new
        // leader's caches sync before the pods change.
        waitFor(b.runtime::isReady);
        kubelet.plan = FakeKubelet.Plan.SUCCEED;
        cluster.client.pods().inNamespace("default").withName("app-0-driver").delete();
        waitFor(() -> state("app-0") == AppState.FAILED);
        assertEquals(0, b.submit.calls(), "the new leader followed the running apps without resubmitting");
        waitFor(() -> state("app-1") == AppState.COMPLETED && state("app-2") == AppState.COMPLETED);
        assertEquals(3, a.submit.calls() + b.submit.calls(), "one submission per app across both instances");
        operator = b;
    }

    @Test
    void anUnreadableManifestFailsWithAClearMessageAndOtherAppsRunOn() throws Exception {
        // driver.template is schemaless in the CRD, so a real API server accepts this; the model cannot read it.
        cluster.createApp("""
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata: {name: bad, namespace: default}
                spec:
                  type: Scala
                  sparkVersion: 4.1.1
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  driver:
                    template:
                      spec:
                        containers: "not a list"
                  executor: {instances: 1}
                """);
        cluster.createApp(TestApps.sparkPi("default", "good"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("good") == AppState.COMPLETED);
        waitFor(() -> state("bad") == AppState.FAILED);
        assertTrue(status("bad").applicationState().errorMessage().startsWith("invalid SparkApplication default/bad"),
                status("bad").applicationState().errorMessage());
        assertEquals(1, operator.submit.calls());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunningAppWhoseSpecBreaksStopsAndAFixReRunsIt() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);
        String firstId = status("pi").submissionID();

        editSpec("pi", spec -> ((java.util.Map<String, Object>) spec.get("driver")).put("template",
                java.util.Map.of("spec", java.util.Map.of("containers", "not a list"))));
        waitFor(() -> state("pi") == AppState.FAILED && drivers("pi").isEmpty());
        assertTrue(status("pi").applicationState().errorMessage().contains("invalid SparkApplication default/pi"));

        editSpec("pi", spec -> ((java.util.Map<String, Object>) spec.get("driver")).remove("template"));
        waitFor(() -> state("pi") == AppState.RUNNING && !firstId.equals(status("pi").submissionID()));
        assertEquals(2, operator.submit.calls());
    }

    @Test
    void aScheduleStartsRunsThatAreSubmittedAndRecordedInItsHistory() throws Exception {
        cluster.client.resources(io.sparkoperator.api.ScheduledSparkApplication.class).inNamespace("default")
                .resource(io.sparkoperator.api.ApiJson.parse("""
                        apiVersion: sparkoperator.k8s.io/v1beta2
                        kind: ScheduledSparkApplication
                        metadata: {name: nightly, namespace: default}
                        spec:
                          schedule: "@every 1m"
                          concurrencyPolicy: Forbid
                          successfulRunHistoryLimit: 3
                          template:
                            type: Scala
                            sparkVersion: 4.1.1
                            image: spark:4.1.1
                            mainClass: org.apache.spark.examples.SparkPi
                            mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                            driver: {cores: 1, memory: 512m}
                            executor: {instances: 1, cores: 1, memory: 512m}
                        """, io.sparkoperator.api.ScheduledSparkApplication.class)).create();
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> {
            var parent = cluster.client.resources(io.sparkoperator.api.ScheduledSparkApplication.class)
                    .inNamespace("default").withName("nightly").get();
            return parent.getStatus() != null && parent.getStatus().pastSuccessfulRunNames() != null
                    && parent.getStatus().pastSuccessfulRunNames().size() >= 2;
        });
        var parent = cluster.client.resources(io.sparkoperator.api.ScheduledSparkApplication.class)
                .inNamespace("default").withName("nightly").get();
        for (String run : parent.getStatus().pastSuccessfulRunNames()) {
            var app = cluster.getApp("default", run);
            if (app != null) { // the history may outlive a run pruned by the history limit
                assertEquals(AppState.COMPLETED, SparkApplications.statusOf(app).state());
                assertEquals("nightly", app.getMetadata().getOwnerReferences().get(0).getName());
            }
        }
        assertTrue(operator.submit.calls() >= 2);
        java.util.Set<String> distinct = new java.util.HashSet<>(operator.submit.submissionIds);
        assertEquals(operator.submit.calls(), distinct.size(), "one submission per run");
    }

    @Test
    void aDeletionHeldByAFinalizerStopsTheDriverAndUiAtOnce() throws Exception {
        kubelet.plan = FakeKubelet.Plan.KEEP_RUNNING;
        cluster.createApp(TestApps.sparkPi("default", "pi"));
        operator = new TestOperator(cluster.client).start();
        waitFor(() -> state("pi") == AppState.RUNNING);
        var app = cluster.getApp("default", "pi");
        app.getMetadata().setFinalizers(List.of("example.com/keep"));
        SparkApplications.api(cluster.client).inNamespace("default").resource(app).update();
        SparkApplications.api(cluster.client).inNamespace("default").withName("pi").delete();

        waitFor(() -> drivers("pi").isEmpty()
                && cluster.client.services().inNamespace("default").withName("pi-ui-svc").get() == null);
        assertNotNull(cluster.getApp("default", "pi").getMetadata().getDeletionTimestamp(),
                "the app itself waits for its finalizer; its driver did not wait for garbage collection");
        assertEquals(1, operator.submit.calls());
    }

    private void editSpec(String name, java.util.function.Consumer<java.util.Map<String, Object>> edit) {
        for (int attempt = 0; ; attempt++) {
            var app = cluster.getApp("default", name);
            @SuppressWarnings("unchecked")
            var spec = (java.util.Map<String, Object>) app.getAdditionalProperties().get("spec");
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
