package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.runtime.ResourceKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns SparkApplication informer events into work: the app's own key, plus its ScheduledSparkApplication parent
 * (so the parent's run history follows its runs). Spec edits are noted for INVALIDATING before the key is queued.
 */
public final class AppEventHandler implements ResourceEventHandler<GenericKubernetesResource> {
    private final Consumer<ResourceKey> apps;
    private final Consumer<ResourceKey> parents;
    private final Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf;
    private final PendingSpecChanges specChanges;

    public AppEventHandler(Consumer<ResourceKey> apps, Consumer<ResourceKey> parents,
            Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf, PendingSpecChanges specChanges) {
        this.apps = apps;
        this.parents = parents;
        this.parentOf = parentOf;
        this.specChanges = specChanges;
    }

    @Override
    public void onAdd(GenericKubernetesResource app) {
        apps.accept(ResourceKey.of(app));
        parentOf.apply(app).ifPresent(parents);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        if (Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
            return; // a resync: nothing changed
        }
        ResourceKey key = ResourceKey.of(after);
        if (SpecChangeDetector.changed(before, after)) {
            specChanges.mark(key);
        }
        apps.accept(key);
        parentOf.apply(after).ifPresent(parents);
    }

    @Override
    public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
        ResourceKey key = ResourceKey.of(app);
        specChanges.forget(key);
        apps.accept(key);
        parentOf.apply(app).ifPresent(parents);
    }
}
