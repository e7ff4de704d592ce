package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.runtime.ResourceKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns SparkApplication informer events into work: the app itself (the event's object, whose own labels and owners
 * say whose run it is, handed on so the receiver need not look it up in a cache), plus its
 * ScheduledSparkApplication parent (so the parent's run history follows its runs). Spec edits are noted for
 * INVALIDATING before the app is handed on.
 */
public final class AppEventHandler implements ResourceEventHandler<GenericKubernetesResource> {
    private final Consumer<GenericKubernetesResource> apps;
    private final Consumer<ResourceKey> parents;
    private final Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf;
    private final PendingSpecChanges specChanges;

    public AppEventHandler(Consumer<GenericKubernetesResource> apps, Consumer<ResourceKey> parents,
            Function<GenericKubernetesResource, Optional<ResourceKey>> parentOf, PendingSpecChanges specChanges) {
        this.apps = apps;
        this.parents = parents;
        this.parentOf = parentOf;
        this.specChanges = specChanges;
    }

    @Override
    public void onAdd(GenericKubernetesResource app) {
        apps.accept(app);
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
        apps.accept(after);
        parentOf.apply(after).ifPresent(parents);
    }

    @Override
    public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
        ResourceKey key = ResourceKey.of(app);
        specChanges.forget(key);
        apps.accept(app);
        parentOf.apply(app).ifPresent(parents);
    }
}
