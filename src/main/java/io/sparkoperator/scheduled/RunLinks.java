package io.sparkoperator.scheduled;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.AppState;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.Rfc3339;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardHash;
import io.sparkoperator.sparkapp.ShardLabels;
import io.sparkoperator.sparkapp.SparkApplications;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How a ScheduledSparkApplication and its child SparkApplications refer to each other. */
public final class RunLinks {
    private RunLinks() {
    }

    /**
     * The ScheduledSparkApplication a SparkApplication was started by, for enqueueing the parent when a child
     * changes: by the {@code sparkoperator.k8s.io/scheduled-app-name} label, else by an owner reference of kind
     * ScheduledSparkApplication; empty for SparkApplications nobody scheduled.
     */
    public static Optional<ResourceKey> parentKeyOf(HasMetadata child) {
        ObjectMeta meta = child.getMetadata();
        if (meta == null) {
            return Optional.empty();
        }
        String label = meta.getLabels() == null ? null : meta.getLabels().get(Labels.SCHEDULED_APP_NAME);
        if (label != null && !label.isEmpty()) {
            return Optional.of(new ResourceKey(meta.getNamespace(), label));
        }
        return ownerReferences(child).stream()
                .filter(RunLinks::isScheduledOwner)
                .map(ref -> new ResourceKey(meta.getNamespace(), ref.getName()))
                .findFirst();
    }

    /** The new run: the template as spec, the parent's labels plus the scheduled-app-name label, an owner reference. */
    static SparkApplication newRun(ScheduledSparkApplication parent, String runName, int shards) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (parent.getMetadata().getLabels() != null) {
            labels.putAll(parent.getMetadata().getLabels());
        }
        labels.put(Labels.SCHEDULED_APP_NAME, parent.getMetadata().getName());
        if (shards > 1) {
            // a run's shard is its parent's (the shard key of a run is the parent's key)
            int shard = ShardHash.shardOf(ResourceKey.of(parent), shards);
            labels.putAll(new ShardLabels(shards).of(shard));
        }
        SparkApplication run = new SparkApplication();
        run.setMetadata(new ObjectMetaBuilder()
                .withName(runName)
                .withNamespace(parent.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(ownerReferenceTo(parent))
                .build());
        run.setSpec(parent.getSpec().template());
        return run;
    }

    /** Blocks the parent's foreground deletion until the run is gone; not a controller reference (as in Go). */
    static OwnerReference ownerReferenceTo(ScheduledSparkApplication parent) {
        return OwnerReferences.to(ApiGroup.API_VERSION, ApiGroup.SCHEDULED_SPARK_APPLICATION, parent.getMetadata(),
                false, true);
    }

    /**
     * Whether a labelled SparkApplication really belongs to this parent: it must not carry an owner reference to a
     * different ScheduledSparkApplication (e.g. an earlier object of the same name whose runs were not collected).
     */
    static boolean belongsTo(SparkApplication child, ScheduledSparkApplication parent) {
        String uid = parent.getMetadata().getUid();
        List<OwnerReference> owners = ownerReferences(child).stream().filter(RunLinks::isScheduledOwner).toList();
        return owners.isEmpty() || uid == null || owners.stream().anyMatch(ref -> uid.equals(ref.getUid()));
    }

    static ChildRun summary(SparkApplication child) {
        AppState state = child.getStatus() == null ? AppState.NEW : child.getStatus().state();
        return new ChildRun(child.getMetadata().getName(), createdAt(child), state);
    }

    /** The creationTimestamp, or null when the server has not set one. */
    static Instant createdAt(HasMetadata resource) {
        String created = resource.getMetadata().getCreationTimestamp();
        return created == null || created.isBlank() ? null : Rfc3339.parse(created);
    }

    private static List<OwnerReference> ownerReferences(HasMetadata resource) {
        return Objects.requireNonNullElse(resource.getMetadata().getOwnerReferences(), List.of());
    }

    private static boolean isScheduledOwner(OwnerReference ref) {
        return ApiGroup.SCHEDULED_SPARK_APPLICATION.equals(ref.getKind())
                && ref.getApiVersion() != null && ref.getApiVersion().startsWith(ApiGroup.GROUP + "/");
    }
}
