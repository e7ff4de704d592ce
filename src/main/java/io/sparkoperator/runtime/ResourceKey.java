package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** What the dispatcher queues: a namespaced name. Reconcilers always re-read the latest object by it. */
public record ResourceKey(String namespace, String name) {
    public static ResourceKey of(HasMetadata resource) {
        return new ResourceKey(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
