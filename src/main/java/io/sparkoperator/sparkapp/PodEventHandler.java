package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.Labels;
import io.sparkoperator.runtime.ResourceKey;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Maps Spark pod events (driver and executors) to the owning app via the {@code sparkoperator.k8s.io/app-name}
 * label. Updates that change neither status nor labels (e.g. an annotation) wake nobody.
 */
public final class PodEventHandler implements ResourceEventHandler<Pod> {
    private final Consumer<ResourceKey> apps;

    public PodEventHandler(Consumer<ResourceKey> apps) {
        this.apps = apps;
    }

    @Override
    public void onAdd(Pod pod) {
        enqueueOwner(pod);
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
        if (!Objects.equals(before.getStatus(), after.getStatus())
                || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                || !Objects.equals(before.getMetadata().getDeletionTimestamp(),
                        after.getMetadata().getDeletionTimestamp())) {
            enqueueOwner(after);
        }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        enqueueOwner(pod);
    }

    private void enqueueOwner(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String app = labels == null ? null : labels.get(Labels.APP_NAME);
        if (app != null && !app.isEmpty()) {
            apps.accept(new ResourceKey(pod.getMetadata().getNamespace(), app));
        }
    }
}
