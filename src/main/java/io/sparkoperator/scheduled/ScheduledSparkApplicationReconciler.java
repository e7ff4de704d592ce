package io.sparkoperator.scheduled;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ResourceKey;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * One pass over a ScheduledSparkApplication: read it and its runs, let {@link RunDecider} decide, then delete
 * replaced and pruned runs, create the due run, record events and JSON-patch {@code /status} when it changed. Comes
 * back at the next tick; the runtime also enqueues the parent when a run changes (see
 * {@link RunLinks#parentKeyOf}), so the past-run lists follow the runs' states as they change.
 */
public final class ScheduledSparkApplicationReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(ScheduledSparkApplicationReconciler.class.getName());

    private final KubernetesClient client;
    private final Clock clock;
    private final ZoneId operatorZone;
    private final BiConsumer<ScheduledSparkApplication, RunEvent> events;
    private final int shards;

    /** Schedules without a time zone run in UTC; events go through an {@link EventRecorder} of their own. */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock) {
        this(client, clock, ZoneOffset.UTC);
    }

    /** @param operatorZone the zone of schedules with neither {@code timeZone} nor a {@code CRON_TZ=} prefix */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock, ZoneId operatorZone) {
        this(client, clock, operatorZone, recordedBy(new EventRecorder(client, clock, EventRecorder.COMPONENT)));
    }

    /** Run events as core/v1 Events on the ScheduledSparkApplication, through the shared recorder. */
    public static BiConsumer<ScheduledSparkApplication, RunEvent> recordedBy(EventRecorder recorder) {
        return (parent, event) -> recorder.record(parent, event.warning() ? "Warning" : "Normal", event.reason(),
                event.message());
    }

    /**
     * @param events records an event about the ScheduledSparkApplication (e.g. through the runtime's shared event
     *               recorder); must not throw
     */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock, ZoneId operatorZone,
                                               BiConsumer<ScheduledSparkApplication, RunEvent> events) {
        this(client, clock, operatorZone, events, 1);
    }

    /**
     * @param shards {@code --shards}: above 1, each run is created with its parent's shard labels, so it goes
     *               straight to the replica holding that shard (no relabelling, no stop in every replica's watch of
     *               unlabelled apps)
     */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock, ZoneId operatorZone,
                                               BiConsumer<ScheduledSparkApplication, RunEvent> events, int shards) {
        this.client = client;
        this.clock = clock;
        this.operatorZone = operatorZone;
        this.events = events;
        this.shards = shards;
    }

    /** A refused run is the manifest's or a policy's fault: retrying it at once would be refused again. */
    static final Duration REFUSED_RUN_RETRY = Duration.ofMinutes(5);
    private static final Set<Integer> REFUSALS = Set.of(400, 403, 422);

    @Override
    public ReconcileResult reconcile(ResourceKey key) {
        ScheduledSparkApplication parent;
        try {
            parent = client.resources(ScheduledSparkApplication.class)
                    .inNamespace(key.namespace()).withName(key.name()).get();
        } catch (KubernetesClientException e) {
            Optional<String> unreadable = UnreadableScheduledApp.reason(e);
            if (unreadable.isEmpty()) {
                throw e;
            }
            return failUnreadable(key, unreadable.get());
        }
        if (parent == null || parent.getMetadata().getDeletionTimestamp() != null) {
            return ReconcileResult.done();
        }
        List<ChildRun> runs = client.resources(SparkApplication.class).inNamespace(key.namespace())
                .withLabel(Labels.SCHEDULED_APP_NAME, key.name()).list().getItems().stream()
                .filter(child -> child.getMetadata().getDeletionTimestamp() == null)
                .filter(child -> RunLinks.belongsTo(child, parent))
                .map(RunLinks::summary)
                .toList();
        Instant now = clock.instant();
        RunDecision decision = RunDecider.decide(key.name(), RunLinks.createdAt(parent), parent.getSpec(),
                parent.getStatus(), runs, now, operatorZone);

        decision.deletions().forEach(name -> delete(key, name));
        Optional<String> refused = decision.runToStart().flatMap(name -> create(parent, name));
        if (refused.isPresent()) {
            LOG.warning(refused.get());
            decision = RunDecider.runRefused(parent.getStatus(), refused.get(), REFUSED_RUN_RETRY);
        }
        decision.events().forEach(event -> events.accept(parent, event));
        if (!StatusPatch.sameAsWritten(parent.getStatus(), decision.status())) {
            client.resources(ScheduledSparkApplication.class).inNamespace(key.namespace()).withName(key.name())
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), StatusPatch.jsonPatch(decision.status()));
        }
        return decision.requeueAfter().map(ReconcileResult::requeueAfter).orElseGet(ReconcileResult::done);
    }

    /** Nothing to run: the reason in status (patched raw: the typed client cannot read the object back). */
    private ReconcileResult failUnreadable(ResourceKey key, String reason) {
        Optional<ScheduledSparkApplication> shell = UnreadableScheduledApp.shell(client, key);
        if (shell.isEmpty() || shell.get().getMetadata().getDeletionTimestamp() != null) {
            return ReconcileResult.done();
        }
        LOG.warning(reason);
        RunDecision decision = RunDecider.unreadable(shell.get().getStatus(), reason);
        decision.events().forEach(event -> events.accept(shell.get(), event));
        if (!StatusPatch.sameAsWritten(shell.get().getStatus(), decision.status())) {
            client.genericKubernetesResources(UnreadableScheduledApp.CONTEXT).inNamespace(key.namespace())
                    .withName(key.name()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), StatusPatch.jsonPatch(decision.status()));
        }
        return ReconcileResult.done();
    }

    private void delete(ResourceKey parent, String runName) {
        LOG.info(() -> "deleting run " + runName);
        client.resources(SparkApplication.class).inNamespace(parent.namespace()).withName(runName)
                .withGracePeriod(0).delete();
    }

    /** Starts the tick's run; the API server's reason when it refuses to store it (400, 403, 422). */
    private Optional<String> create(ScheduledSparkApplication parent, String runName) {
        try {
            client.resources(SparkApplication.class).inNamespace(parent.getMetadata().getNamespace())
                    .resource(RunLinks.newRun(parent, runName, shards)).create();
            LOG.info(() -> "started run " + runName);
        } catch (KubernetesClientException e) {
            if (REFUSALS.contains(e.getCode())) {
                String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : e.getMessage();
                return Optional.of("run " + runName + " was refused by the API server (" + e.getCode() + "): " + why);
            }
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created by an earlier pass whose status write failed: the tick's run exists, which is the goal.
            LOG.info(() -> "run " + runName + " exists");
        }
        return Optional.empty();
    }
}
