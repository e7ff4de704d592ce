package io.sparkoperator.logging;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The Kubernetes object a log line is about; printed as {@code Kind(namespace/name)}. */
public record LogResource(String kind, String namespace, String name) {
    public static LogResource of(HasMetadata resource) {
        return new LogResource(resource.getKind(), resource.getMetadata().getNamespace(),
                resource.getMetadata().getName());
    }

    @Override
    public String toString() {
        String where = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
        return kind + "(" + where + ")";
    }
}
