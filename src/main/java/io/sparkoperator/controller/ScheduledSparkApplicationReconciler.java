package io.sparkoperator.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplication;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * One pass over a ScheduledSparkApplication: read it and its runs, let {@link ScheduledDecider} decide, then delete
 * replaced and pruned runs, create the due run, record events and JSON-patch {@code /status} when it changed. Comes
 * back at the next tick; the runtime also enqueues the parent when a run changes (see
 * {@link ScheduledRuns#parentKeyOf}), so the past-run lists follow the runs' states as they change.
 */
public final class ScheduledSparkApplicationReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(ScheduledSparkApplicationReconciler.class.getName());

    private final KubernetesClient client;
    private final Clock clock;
    private final ZoneId operatorZone;
    private final BiConsumer<ScheduledSparkApplication, ScheduledEvent> events;

    /** Schedules without a time zone run in UTC; events are written by {@link ScheduledEventWriter}. */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock) {
        this(client, clock, ZoneOffset.UTC);
    }

    /** @param operatorZone the zone of schedules with neither {@code timeZone} nor a {@code CRON_TZ=} prefix */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock, ZoneId operatorZone) {
        this(client, clock, operatorZone, new ScheduledEventWriter(client, clock)::write);
    }

    /**
     * @param events records an event about the ScheduledSparkApplication (e.g. through the runtime's shared event
     *               recorder); must not throw
     */
    public ScheduledSparkApplicationReconciler(KubernetesClient client, Clock clock, ZoneId operatorZone,
                                               BiConsumer<ScheduledSparkApplication, ScheduledEvent> events) {
        this.client = client;
        this.clock = clock;
        this.operatorZone = operatorZone;
        this.events = events;
    }

    @Override
    public ReconcileResult reconcile(ResourceKey key) {
        ScheduledSparkApplication parent = client.resources(ScheduledSparkApplication.class)
                .inNamespace(key.namespace()).withName(key.name()).get();
        if (parent == null || parent.getMetadata().getDeletionTimestamp() != null) {
            return ReconcileResult.done();
        }
        List<ScheduledRun> runs = client.resources(SparkApplication.class).inNamespace(key.namespace())
                .withLabel(Labels.SCHEDULED_APP_NAME, key.name()).list().getItems().stream()
                .filter(child -> child.getMetadata().getDeletionTimestamp() == null)
                .filter(child -> ScheduledRuns.belongsTo(child, parent))
                .map(ScheduledRuns::summary)
                .toList();
        Instant now = clock.instant();
        ScheduledDecision decision = ScheduledDecider.decide(key.name(), ScheduledRuns.createdAt(parent), parent.getSpec(),
                parent.getStatus(), runs, now, operatorZone);

        decision.deletions().forEach(name -> delete(key, name));
        decision.runToStart().ifPresent(name -> create(parent, name));
        decision.events().forEach(event -> events.accept(parent, event));
        if (!ScheduledStatusPatch.sameAsWritten(parent.getStatus(), decision.status())) {
            client.resources(ScheduledSparkApplication.class).inNamespace(key.namespace()).withName(key.name())
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), ScheduledStatusPatch.jsonPatch(decision.status()));
        }
        return decision.requeueAfter().map(ReconcileResult::requeueAfter).orElseGet(ReconcileResult::done);
    }

    private void delete(ResourceKey parent, String runName) {
        LOG.info(() -> "ScheduledSparkApplication(" + parent + "): deleting run " + runName);
        client.resources(SparkApplication.class).inNamespace(parent.namespace()).withName(runName)
                .withGracePeriod(0).delete();
    }

    private void create(ScheduledSparkApplication parent, String runName) {
        try {
            client.resources(SparkApplication.class).inNamespace(parent.getMetadata().getNamespace())
                    .resource(ScheduledRuns.newRun(parent, runName)).create();
            LOG.info(() -> "ScheduledSparkApplication(" + ResourceKey.of(parent) + "): started run " + runName);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created by an earlier pass whose status write failed: the tick's run exists, which is the goal.
            LOG.info(() -> "ScheduledSparkApplication(" + ResourceKey.of(parent) + "): run " + runName + " exists");
        }
    }
}
