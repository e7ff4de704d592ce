package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;
import java.util.function.Consumer;

/** Queues an object's own key on every real change (ScheduledSparkApplications). */
public final class KeyEventHandler<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final Consumer<ResourceKey> queue;

    public KeyEventHandler(Consumer<ResourceKey> queue) {
        this.queue = queue;
    }

    @Override
    public void onAdd(T resource) {
        queue.accept(ResourceKey.of(resource));
    }

    @Override
    public void onUpdate(T before, T after) {
        if (!Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
            queue.accept(ResourceKey.of(after));
        }
    }

    @Override
    public void onDelete(T resource, boolean finalStateUnknown) {
        queue.accept(ResourceKey.of(resource));
    }
}
