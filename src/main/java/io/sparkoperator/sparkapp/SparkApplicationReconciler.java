package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.batch.BatchScheduling;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.state.Action;
import io.sparkoperator.state.Decision;
import io.sparkoperator.state.Observation;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.SubmissionOutcome;
import io.sparkoperator.submit.DriverPodName;
import io.sparkoperator.submit.SubmitResult;
import io.sparkoperator.ui.UiExposure;
import io.sparkoperator.ui.UiServiceOptions;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One pass over one SparkApplication: read the freshest app and its pods, let the {@link StateMachine} decide,
 * then carry the decision out: UI Service first (its address goes into status), the status write, then the actions
 * in order. A {@link Action.Submit} runs only after the status carrying its submission ID was written, so a restart
 * mid-submission finds the ID and adopts the driver pod spark-submit made instead of making a second one.
 */
public final class SparkApplicationReconciler implements Reconciler {
    private static final System.Logger LOG = System.getLogger(SparkApplicationReconciler.class.getName());
    static final String SPEC_NOT_APPLIED_REASON = "SparkApplicationSpecNotApplied";
    static final String FAILED_PREFIX = "failed to submit spark application: failed to run spark-submit: ";

    /** Everything a reconciler needs besides the per-term caches. */
    public record Parts(KubernetesClient client, StateMachine machine, SparkSubmission submission,
            EventRecorder events, UiServiceOptions ui, Function<SparkApplication, Optional<ConfigMap>> promConfigMaps,
            ApplicationListener listener, BooleanSupplier stopping, BatchScheduling batch) {
    }

    private final Parts parts;
    private final SparkCaches caches;
    private final PendingSpecChanges specChanges;
    private final StatusWriter statusWriter;
    private final UiExposure ui;
    private final DriverObserver observer;
    private final FreshApps fresh = new FreshApps();
    private final OutageClock unavailableSince = new OutageClock();

    public SparkApplicationReconciler(Parts parts, SparkCaches caches, PendingSpecChanges specChanges) {
        this.parts = parts;
        this.caches = caches;
        this.specChanges = specChanges;
        this.statusWriter = new StatusWriter(parts.client(), parts.listener()::statusConflict);
        this.ui = new UiExposure(parts.client(), parts.ui(), parts.events());
        this.observer = new DriverObserver(parts.client(), caches, ui);
    }

    @Override
    public ReconcileResult reconcile(ResourceKey key) throws Exception {
        GenericKubernetesResource raw = fresh.latest(key, caches.appForPass(key));
        if (raw == null) {
            fresh.forget(key);
            unavailableSince.forget(key);
            specChanges.forget(key);
            return ReconcileResult.done();
        }
        if (raw.getMetadata().getDeletionTimestamp() != null) {
            // Foreground deletion: do not wait for garbage collection to stop the driver.
            deleteSubmissionResources(key, null);
            return ReconcileResult.done();
        }
        SparkApplication app;
        try {
            app = SparkApplications.toTyped(raw);
        } catch (InvalidManifestException e) {
            return reportInvalid(key, raw, e);
        }
        long specToken = specChanges.peek(key);
        Observation observation = observer.observe(key, app, specToken != 0);
        Decision last = carryOut(key, raw, app, parts.machine().decide(app, observation));
        specChanges.clear(key, specToken);
        return last.requeueAfter().map(ReconcileResult::requeueAfter).orElseGet(ReconcileResult::done);
    }

    /** Performs a decision; returns the last decision made (a Submit leads to a second one). */
    private Decision carryOut(ResourceKey key, GenericKubernetesResource raw, SparkApplication app, Decision decision)
            throws Exception {
        SparkApplicationStatus status = decision.status();
        if (decision.has(Action.EnsureUiService.class)) {
            status = ui.ensure(withStatus(app, status), status);
        }
        GenericKubernetesResource stored = write(key, raw, app, status);
        SparkApplication decided = withStatus(app, status);
        decided.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
        Decision next = null;
        for (Action action : decision.actions()) {
            switch (action) {
                case Action.Submit submit -> next = submit(key, decided, submit);
                case Action.DeleteSubmissionResources delete -> deleteSubmissionResources(key,
                        delete.driverPodName() != null ? delete.driverPodName() : DriverPodName.of(app));
                case Action.DeleteUiResources delete -> ui.delete(key.namespace(), key.name());
                case Action.DeleteSchedulingResources release -> parts.batch().release(key.namespace(), key.name(),
                        release.driverPodName() != null ? release.driverPodName() : DriverPodName.of(app));
                case Action.EnsureUiService ensure -> {
                    // done before the status write
                }
                case Action.RecordEvent event -> parts.events().record(decided, event.type().text(), event.reason(),
                        event.message());
                case Action.RequeueAfter requeue -> {
                    // returned to the dispatcher
                }
                case Action.DeleteApplication delete -> {
                    LOG.log(Level.INFO, () -> "time to live expired, deleting it");
                    SparkApplications.api(parts.client()).inNamespace(key.namespace()).withName(key.name()).delete();
                }
            }
        }
        return next == null ? decision : carryOut(key, stored, decided, next);
    }

    private Decision submit(ResourceKey key, SparkApplication app, Action.Submit submit) throws Exception {
        parts.promConfigMaps().apply(app).ifPresent(configMap -> applyConfigMap(key, configMap));
        SparkApplication toSubmit;
        switch (parts.batch().prepare(app)) {
            case BatchScheduling.Prepared.Refused refused -> {
                LOG.log(Level.WARNING, refused::message);
                return parts.machine().afterSubmission(app, new SubmissionOutcome.Failed(refused.message()));
            }
            case BatchScheduling.Prepared.Ready ready -> toSubmit = ready.app();
        }
        long started = System.nanoTime();
        SubmitResult result = parts.submission().submit(toSubmit, submit.submissionId());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        parts.listener().submitted(app, result, took);
        if (!(result instanceof SubmitResult.Submitted)
                && (parts.stopping().getAsBoolean() || Thread.currentThread().isInterrupted())) {
            // The operator is stopping and may have killed spark-submit: leave the recorded submission ID so the next
            // leader adopts the driver if it was created, or submits afresh if not.
            throw new InterruptedException("operator stopping; outcome of submission " + submit.submissionId()
                    + " of " + key + " not recorded");
        }
        LOG.log(Level.INFO, () -> "spark-submit " + result.getClass().getSimpleName()
                + " in " + took.toMillis() + " ms");
        SubmissionOutcome outcome = switch (result) {
            case SubmitResult.Submitted ok -> {
                ok.warnings().forEach(warning -> parts.events().warning(app, SPEC_NOT_APPLIED_REASON, warning));
                parts.batch().protectDriver(app).ifPresent(warning ->
                        parts.events().warning(app, SPEC_NOT_APPLIED_REASON, warning));
                yield new SubmissionOutcome.Succeeded(ok.driverPodName(), ok.sparkApplicationId());
            }
            case SubmitResult.DriverAlreadyExists exists -> new SubmissionOutcome.DriverPodAlreadyExists(
                    parts.client().pods().inNamespace(key.namespace()).withName(exists.driverPodName()).get());
            case SubmitResult.TimedOut timedOut -> new SubmissionOutcome.TimedOut(timedOut.timeout());
            case SubmitResult.Failed failed -> new SubmissionOutcome.Failed(FAILED_PREFIX + failed.message());
            case SubmitResult.Invalid invalid -> new SubmissionOutcome.InvalidSpec(invalid.message());
            case SubmitResult.ApiServerUnavailable unavailable -> new SubmissionOutcome.ApiServerUnavailable(
                    unavailable.cause(), unavailableSince.since(key, Instant.now()));
        };
        if (!(result instanceof SubmitResult.ApiServerUnavailable)) {
            unavailableSince.forget(key);
        }
        return parts.machine().afterSubmission(app, outcome);
    }

    private GenericKubernetesResource write(ResourceKey key, GenericKubernetesResource raw, SparkApplication app,
            SparkApplicationStatus status) {
        StatusWriter.Outcome outcome = statusWriter.write(raw, status);
        if (outcome.written()) {
            fresh.wrote(key, raw, outcome.stored());
            SparkApplicationStatus before = app.getStatus() == null ? SparkApplicationStatus.initial() : app.getStatus();
            if (before.state() != status.state()) {
                LOG.log(Level.INFO, () -> label(before.state()) + " -> "
                        + label(status.state()));
            }
            parts.listener().statusWritten(withStatus(app, status), before, status);
        }
        return outcome.stored();
    }

    /** Every driver pod of the app (the named one and any other), then the UI objects. */
    private void deleteSubmissionResources(ResourceKey key, String driverPodName) {
        var pods = parts.client().pods().inNamespace(key.namespace());
        if (driverPodName != null) {
            pods.withName(driverPodName).delete();
        }
        caches.podsOf(key).stream()
                .filter(pod -> Labels.ROLE_DRIVER.equals(pod.getMetadata().getLabels().get(Labels.SPARK_ROLE)))
                .map(pod -> pod.getMetadata().getName())
                .filter(name -> !name.equals(driverPodName))
                .forEach(name -> pods.withName(name).delete());
        ui.delete(key.namespace(), key.name());
        parts.batch().release(key.namespace(), key.name(), driverPodName);
    }

    private void applyConfigMap(ResourceKey key, ConfigMap configMap) {
        var configMaps = parts.client().configMaps().inNamespace(key.namespace());
        ConfigMap existing = configMaps.withName(configMap.getMetadata().getName()).get();
        if (existing == null) {
            configMaps.resource(configMap).create();
        } else if (!Objects.equals(existing.getData(), configMap.getData())) {
            existing.setData(configMap.getData());
            configMaps.resource(existing).update();
        }
    }

    /**
     * A manifest the model cannot read: FAILED with the reason, once; a fixed spec reruns it (INVALIDATING). A run
     * still going is stopped, as a spec edit would stop it.
     */
    private ReconcileResult reportInvalid(ResourceKey key, GenericKubernetesResource raw, InvalidManifestException e) {
        SparkApplicationStatus current = SparkApplications.statusOf(raw);
        if (!current.state().isTerminal() && current.state() != AppState.NEW) {
            String podName = current.driverInfo() == null ? null : current.driverInfo().podName();
            deleteSubmissionResources(key, podName);
        }
        SparkApplicationStatus failed = current.withApplicationState(new ApplicationState(AppState.FAILED,
                e.getMessage()));
        StatusWriter.Outcome outcome = statusWriter.write(raw, failed);
        if (outcome.written()) {
            fresh.wrote(key, raw, outcome.stored());
            LOG.log(Level.WARNING, e::getMessage);
            parts.events().warning(raw, EventReasons.APP_FAILED, e.getMessage());
        }
        specChanges.clear(key, specChanges.peek(key));
        return ReconcileResult.done();
    }

    static SparkApplication withStatus(SparkApplication app, SparkApplicationStatus status) {
        SparkApplication copy = new SparkApplication();
        copy.setMetadata(new ObjectMetaBuilder(app.getMetadata()).build());
        copy.setSpec(app.getSpec());
        copy.setStatus(status);
        return copy;
    }

    private static String label(AppState state) {
        return state.text().isEmpty() ? "\"\"" : state.text();
    }
}
