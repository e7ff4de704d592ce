package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.SparkApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SparkApplication reconciler calls around a submission: {@link #prepare} before spark-submit (choose the
 * scheduler, create or update its PodGroup, shape the pods), {@link #protectDriver} once the driver exists (its
 * PodDisruptionBudget), {@link #release} when a run's resources go (end, rerun, suspend, deletion). Makes no call
 * when nothing is enabled. Every call goes through the client, whose requests time out.
 */
public final class BatchScheduling {
    private static final System.Logger LOG = System.getLogger(BatchScheduling.class.getName());
    private final KubernetesClient client;
    private final BatchSettings settings;

    public BatchScheduling(KubernetesClient client, BatchSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The app to hand to spark-submit, or why it cannot be submitted. */
    public sealed interface Prepared {
        record Ready(SparkApplication app) implements Prepared {
        }

        record Refused(String message) implements Prepared {
        }
    }

    public Prepared prepare(SparkApplication app) {
        return switch (SchedulerChoice.of(app, settings)) {
            case SchedulerChoice.None none -> new Prepared.Ready(app);
            case SchedulerChoice.Unavailable unavailable -> new Prepared.Refused(unavailable.message());
            case SchedulerChoice.Chosen chosen -> schedule(app, chosen.scheduler());
        };
    }

    private Prepared schedule(SparkApplication app, BatchScheduler scheduler) {
        try {
            SchedulingPlan plan = scheduler.plan(app);
            if (plan.podGroup().isPresent()) {
                sync(scheduler, plan.podGroup().get());
            }
            return new Prepared.Ready(AppForSubmission.of(app, plan));
        } catch (SchedulingException e) {
            return new Prepared.Refused("failed to process batch scheduler: " + e.getMessage());
        }
    }

    /**
     * Creates the PodGroup, or brings an existing one in line: Volcano's only in {@code minMember} (as the Go
     * operator), scheduler-plugins' in its whole spec. Updates carry the resourceVersion that was read.
     */
    private void sync(BatchScheduler scheduler, GenericKubernetesResource wanted) throws SchedulingException {
        PodGroupApi api = scheduler.podGroupApi().orElseThrow();
        var groups = client.genericKubernetesResources(api.context()).inNamespace(wanted.getMetadata().getNamespace());
        try {
            GenericKubernetesResource existing = groups.withName(wanted.getMetadata().getName()).get();
            if (existing == null) {
                groups.resource(wanted).create();
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) existing.getAdditionalProperties()
                    .getOrDefault("spec", new LinkedHashMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> wantedSpec = (Map<String, Object>) wanted.getAdditionalProperties().get("spec");
            if (scheduler instanceof Volcano) {
                if (Objects.equals(number(spec.get("minMember")), number(wantedSpec.get("minMember")))) {
                    return;
                }
                spec.put("minMember", wantedSpec.get("minMember"));
                existing.getAdditionalProperties().put("spec", spec);
            } else {
                existing.getAdditionalProperties().put("spec", wantedSpec);
            }
            groups.resource(existing).update();
        } catch (KubernetesClientException e) {
            throw new SchedulingException(scheduler instanceof Volcano
                    ? "failed to sync PodGroup with error: " + e.getMessage() + ". Abandon schedule pods via volcano"
                    : "failed to sync pod group: " + e.getMessage());
        }
    }

    private static Long number(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    /**
     * Creates the driver's PodDisruptionBudget when the app asks and the operator allows; an existing one is
     * kept. Returns a message for a Warning Event when it could not be made or the operator does not allow it.
     */
    public Optional<String> protectDriver(SparkApplication app) {
        if (!DriverPdb.wanted(app)) {
            return Optional.empty();
        }
        if (!settings.driverPdb()) {
            return Optional.of("spec.driverPodDisruptionBudget is not applied: the operator runs without"
                    + " --enable-driver-pdb");
        }
        var pdb = DriverPdb.of(app);
        try {
            client.policy().v1().podDisruptionBudget().inNamespace(pdb.getMetadata().getNamespace()).resource(pdb)
                    .create();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            return Optional.of("failed to create driver PodDisruptionBudget " + pdb.getMetadata().getName() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Deletes what a run held: the PodGroups of every enabled API (so one left by a scheduler the spec no longer
     * names goes too) and the driver PodDisruptionBudget ({@code driverPodName}, else {@code <app>-driver}).
     */
    public void release(String namespace, String appName, String driverPodName) {
        if (settings.enabled()) {
            deletePodGroup(PodGroupApi.VOLCANO, namespace, Volcano.podGroupName(appName));
            if (!settings.kubeSchedulerNames().isEmpty()) {
                deletePodGroup(PodGroupApi.SCHEDULER_PLUGINS, namespace, KubeScheduler.podGroupName(appName));
            }
        }
        if (settings.driverPdb()) {
            String name = driverPodName != null ? driverPodName : appName + "-driver";
            delete("PodDisruptionBudget " + name, () -> client.policy().v1().podDisruptionBudget()
                    .inNamespace(namespace).withName(name).delete());
        }
    }

    private void deletePodGroup(PodGroupApi api, String namespace, String name) {
        delete(api.group() + " PodGroup " + name, () -> client.genericKubernetesResources(api.context())
                .inNamespace(namespace).withName(name).delete());
    }

    /**
     * A failed delete must not stop the app's lifecycle (its status is written already): it is logged, and the
     * owner reference still lets the garbage collector take the object with the app.
     */
    private static void delete(String what, Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "could not delete " + what + " (the garbage collector takes it"
                    + " with the app): " + e.getMessage());
        }
    }
}
