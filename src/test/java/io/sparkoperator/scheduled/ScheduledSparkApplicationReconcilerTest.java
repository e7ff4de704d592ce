package io.sparkoperator.scheduled;

import static io.sparkoperator.scheduled.Fixtures.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ConcurrencyPolicy;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduleState;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.ScheduledSparkApplicationSpec;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler against fabric8's mock API server in CRUD mode (no garbage collection, no CRD validation). */
@EnableKubernetesMockClient(crud = true)
class ScheduledSparkApplicationReconcilerTest {
    private static final String NS = "jobs";
    private static final String NAME = "nightly";
    private static final ResourceKey KEY = new ResourceKey(NS, NAME);

    KubernetesClient client;
    private ManualClock clock;
    private ScheduledSparkApplicationReconciler reconciler;

    @BeforeEach
    void setUp() {
        clock = new ManualClock("2026-05-04T10:02:00Z");
        reconciler = new ScheduledSparkApplicationReconciler(client, clock);
    }

    private ScheduledSparkApplication createParent(String schedule, ConcurrencyPolicy policy) {
        ScheduledSparkApplication parent = new ScheduledSparkApplication();
        parent.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NS)
                .withLabels(Map.of("team", "data")).build());
        parent.setSpec(new ScheduledSparkApplicationSpec(schedule, null, TEMPLATE, null, policy, null, null));
        return client.resources(ScheduledSparkApplication.class).inNamespace(NS).resource(parent).create();
    }

    private ScheduledSparkApplication parent() {
        return client.resources(ScheduledSparkApplication.class).inNamespace(NS).withName(NAME).get();
    }

    private List<SparkApplication> runs() {
        return client.resources(SparkApplication.class).inNamespace(NS).list().getItems();
    }

    private List<String> runNames() {
        return runs().stream().map(r -> r.getMetadata().getName()).sorted().toList();
    }

    private void setRunState(String runName, AppState state) {
        client.resources(SparkApplication.class).inNamespace(NS).withName(runName).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"applicationState\":{\"state\":\"" + state.text() + "\"}}}");
    }

    private ReconcileResult reconcileAt(String now) {
        clock.set(now);
        return reconciler.reconcile(KEY);
    }

    private static String runName(String tick) {
        return NAME + "-" + Instant.parse(tick).getEpochSecond();
    }

    @Test
    void startsARunAtEachTickWithTemplateLabelsAndOwnerReference() {
        ScheduledSparkApplication created = createParent("*/5 * * * *", null);

        ReconcileResult first = reconcileAt("2026-05-04T10:02:00Z");
        assertEquals(Optional.of(Duration.ofMinutes(3)), first.requeueAfter());
        assertEquals(List.of(), runs());
        assertEquals(ScheduleState.SCHEDULED, parent().getStatus().scheduleState());
        assertEquals(Instant.parse("2026-05-04T10:05:00Z"), parent().getStatus().nextRun());

        ReconcileResult second = reconcileAt("2026-05-04T10:05:00Z");
        assertEquals(Optional.of(Duration.ofMinutes(5)), second.requeueAfter());
        SparkApplication run = runs().get(0);
        assertEquals(runName("2026-05-04T10:05:00Z"), run.getMetadata().getName());
        assertEquals(Map.of("team", "data", Labels.SCHEDULED_APP_NAME, NAME), run.getMetadata().getLabels());
        assertEquals(TEMPLATE, run.getSpec());
        OwnerReference owner = run.getMetadata().getOwnerReferences().get(0);
        assertEquals("ScheduledSparkApplication", owner.getKind());
        assertEquals("sparkoperator.k8s.io/v1beta2", owner.getApiVersion());
        assertEquals(created.getMetadata().getUid(), owner.getUid());
        assertEquals(Boolean.TRUE, owner.getBlockOwnerDeletion());
        assertNull(owner.getController());

        var status = parent().getStatus();
        assertEquals(run.getMetadata().getName(), status.lastRunName());
        assertEquals(Instant.parse("2026-05-04T10:05:00Z"), status.lastRun());
        assertEquals(Instant.parse("2026-05-04T10:10:00Z"), status.nextRun());
        assertEquals(RunEvent.RUN_STARTED, client.v1().events().inNamespace(NS).list().getItems().get(0).getReason());
        assertEquals(Map.of(ScheduleState.SCHEDULED, 1L), Map.of(status.scheduleState(), 1L));
        assertEquals(NAME, RunLinks.parentKeyOf(run).orElseThrow().name());
    }

    @Test
    void anUnchangedStatusIsNotWrittenAgain() {
        createParent("*/5 * * * *", null);
        reconcileAt("2026-05-04T10:02:00Z");
        String version = parent().getMetadata().getResourceVersion();
        reconcileAt("2026-05-04T10:03:00Z");
        reconcileAt("2026-05-04T10:04:59Z");
        assertEquals(version, parent().getMetadata().getResourceVersion());
        assertEquals(List.of(), runs());
    }

    @Test
    void ticksMissedWhileTheOperatorWasDownStartOneRun() {
        createParent("*/5 * * * *", null);
        reconcileAt("2026-05-04T10:02:00Z");
        // The operator is down from 10:04 to 13:17: 38 ticks pass.
        ReconcileResult back = reconcileAt("2026-05-04T13:17:30Z");
        assertEquals(List.of(runName("2026-05-04T10:05:00Z")), runNames());
        assertEquals(Instant.parse("2026-05-04T13:20:00Z"), parent().getStatus().nextRun());
        assertEquals(Optional.of(Duration.ofSeconds(150)), back.requeueAfter());
        reconcileAt("2026-05-04T13:17:31Z");
        assertEquals(1, runs().size());
    }

    @Test
    void forbidWaitsForTheRunningRunThenStartsAtTheNextTick() {
        createParent("*/5 * * * *", ConcurrencyPolicy.FORBID);
        reconcileAt("2026-05-04T10:02:00Z");
        reconcileAt("2026-05-04T10:05:00Z");
        assertEquals(1, runs().size());
        setRunState(runName("2026-05-04T10:05:00Z"), AppState.RUNNING);

        reconcileAt("2026-05-04T10:10:00Z");
        assertEquals(List.of(runName("2026-05-04T10:05:00Z")), runNames());
        assertEquals(Instant.parse("2026-05-04T10:15:00Z"), parent().getStatus().nextRun());

        setRunState(runName("2026-05-04T10:05:00Z"), AppState.COMPLETED);
        reconcileAt("2026-05-04T10:11:00Z"); // the child's change enqueues the parent: lists follow at once
        assertEquals(List.of(runName("2026-05-04T10:05:00Z")), parent().getStatus().pastSuccessfulRunNames());
        reconcileAt("2026-05-04T10:15:00Z");
        assertEquals(List.of(runName("2026-05-04T10:05:00Z"), runName("2026-05-04T10:15:00Z")), runNames());
    }

    @Test
    void replaceDeletesTheRunningRunAndStartsANewOne() {
        createParent("*/5 * * * *", ConcurrencyPolicy.REPLACE);
        reconcileAt("2026-05-04T10:02:00Z");
        reconcileAt("2026-05-04T10:05:00Z");
        setRunState(runName("2026-05-04T10:05:00Z"), AppState.RUNNING);
        reconcileAt("2026-05-04T10:10:00Z");
        assertEquals(List.of(runName("2026-05-04T10:10:00Z")), runNames());
        assertEquals(runName("2026-05-04T10:10:00Z"), parent().getStatus().lastRunName());
    }

    @Test
    void allowRunsConcurrently() {
        createParent("*/5 * * * *", ConcurrencyPolicy.ALLOW);
        reconcileAt("2026-05-04T10:02:00Z");
        reconcileAt("2026-05-04T10:05:00Z");
        setRunState(runName("2026-05-04T10:05:00Z"), AppState.RUNNING);
        reconcileAt("2026-05-04T10:10:00Z");
        assertEquals(2, runs().size());
    }

    @Test
    void historyLimitsPruneOldFinishedRuns() {
        createParent("*/5 * * * *", null);
        reconcileAt("2026-05-04T10:02:00Z");
        String[] ticks = {"2026-05-04T10:05:00Z", "2026-05-04T10:10:00Z", "2026-05-04T10:15:00Z",
                "2026-05-04T10:20:00Z"};
        AppState[] outcomes = {AppState.COMPLETED, AppState.FAILED, AppState.COMPLETED, AppState.FAILED};
        for (int i = 0; i < ticks.length; i++) {
            reconcileAt(ticks[i]);
            setRunState(runName(ticks[i]), outcomes[i]);
        }
        reconcileAt("2026-05-04T10:21:00Z");
        assertEquals(List.of(runName(ticks[2]), runName(ticks[3])), runNames());
        assertEquals(List.of(runName(ticks[2])), parent().getStatus().pastSuccessfulRunNames());
        assertEquals(List.of(runName(ticks[3])), parent().getStatus().pastFailedRunNames());
    }

    @Test
    void runsOfAnotherOwnerAreLeftAlone() {
        createParent("*/5 * * * *", null);
        SparkApplication stranger = new SparkApplication();
        stranger.setMetadata(new ObjectMetaBuilder().withName("nightly-1").withNamespace(NS)
                .withLabels(Map.of(Labels.SCHEDULED_APP_NAME, NAME))
                .withOwnerReferences(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                        .withApiVersion("sparkoperator.k8s.io/v1beta2").withKind("ScheduledSparkApplication")
                        .withName(NAME).withUid("another-uid").build())
                .build());
        stranger.setSpec(TEMPLATE);
        client.resources(SparkApplication.class).inNamespace(NS).resource(stranger).create();
        setRunState("nightly-1", AppState.COMPLETED);
        createRunOwnedByParent("nightly-2", AppState.COMPLETED);
        createRunOwnedByParent("nightly-3", AppState.COMPLETED);

        reconcileAt("2026-05-04T10:02:00Z");
        assertEquals(List.of("nightly-1", "nightly-3"), runNames());
        assertEquals(List.of("nightly-3"), parent().getStatus().pastSuccessfulRunNames());
    }

    private void createRunOwnedByParent(String runName, AppState state) {
        client.resources(SparkApplication.class).inNamespace(NS).resource(RunLinks.newRun(parent(), runName, 1)).create();
        setRunState(runName, state);
    }

    @Test
    void anInvalidScheduleIsReportedAndAFixedOneRecovers() {
        createParent("*/5 * * * * *", null);
        ReconcileResult bad = reconcileAt("2026-05-04T10:02:00Z");
        assertEquals(Optional.empty(), bad.requeueAfter());
        var status = parent().getStatus();
        assertEquals(ScheduleState.FAILED_VALIDATION, status.scheduleState());
        assertTrue(status.reason().contains("expected exactly 5 fields"), status.reason());
        assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> "Warning".equals(e.getType()) && e.getReason().equals(RunEvent.FAILED_VALIDATION)));

        client.resources(ScheduledSparkApplication.class).inNamespace(NS).withName(NAME)
                .edit(p -> {
                    p.setSpec(new ScheduledSparkApplicationSpec("*/5 * * * *", null, TEMPLATE, null, null, null, null));
                    return p;
                });
        reconcileAt("2026-05-04T10:03:00Z");
        status = parent().getStatus();
        assertEquals(ScheduleState.SCHEDULED, status.scheduleState());
        assertNull(status.reason());
        assertEquals(Instant.parse("2026-05-04T10:05:00Z"), status.nextRun());
    }

    @Test
    void suspendedStartsNothing() {
        createParent("*/5 * * * *", null);
        reconcileAt("2026-05-04T10:02:00Z");
        client.resources(ScheduledSparkApplication.class).inNamespace(NS).withName(NAME)
                .edit(p -> {
                    ScheduledSparkApplicationSpec s = p.getSpec();
                    p.setSpec(new ScheduledSparkApplicationSpec(s.schedule(), null, s.template(), true, null, null, null));
                    return p;
                });
        assertEquals(Optional.empty(), reconcileAt("2026-05-04T10:05:00Z").requeueAfter());
        assertEquals(List.of(), runs());
        assertNull(parent().getStatus().nextRun());
    }

    @Test
    void withSeveralShardsARunIsCreatedWithItsParentsShardLabels() {
        reconciler = new ScheduledSparkApplicationReconciler(client, clock, java.time.ZoneOffset.UTC,
                (about, event) -> { }, 16);
        createParent("*/5 * * * *", null);
        reconcileAt("2026-05-04T10:02:00Z");
        reconcileAt("2026-05-04T10:05:00Z");
        int shard = io.sparkoperator.runtime.ShardHash.shardOf(new ResourceKey(NS, NAME), 16);
        assertEquals(Map.of("team", "data", Labels.SCHEDULED_APP_NAME, NAME, Labels.SHARDS, "16",
                Labels.SHARD, String.valueOf(shard)), runs().get(0).getMetadata().getLabels(),
                "the replica holding the parent's shard watches the run from its create on; nobody relabels it");
    }

    @Test
    void eventsGoToAnInjectedRecorder() {
        List<String> recorded = new java.util.ArrayList<>();
        reconciler = new ScheduledSparkApplicationReconciler(client, clock, java.time.ZoneOffset.UTC,
                (about, event) -> recorded.add(about.getMetadata().getName() + " " + event.reason()));
        createParent("*/5 * * * *", null);
        reconcileAt("2026-05-04T10:02:00Z");
        reconcileAt("2026-05-04T10:05:00Z");
        assertEquals(List.of(NAME + " " + RunEvent.RUN_STARTED), recorded);
        assertEquals(List.of(), client.v1().events().inNamespace(NS).list().getItems());
    }

    @Test
    void aMissingParentIsDone() {
        assertEquals(Optional.empty(), reconciler.reconcile(new ResourceKey(NS, "gone")).requeueAfter());
    }
}
