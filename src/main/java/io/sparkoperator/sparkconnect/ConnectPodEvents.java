package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.runtime.ResourceKey;
import java.util.Objects;
import java.util.function.Consumer;

/** A server or executor pod changed: wake its SparkConnect (found by the connect-name label). */
final class ConnectPodEvents implements ResourceEventHandler<Pod> {
    private final Consumer<ResourceKey> queue;

    ConnectPodEvents(Consumer<ResourceKey> queue) {
        this.queue = queue;
    }

    @Override
    public void onAdd(Pod pod) {
        wake(pod);
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
        if (!Objects.equals(before.getStatus(), after.getStatus())
                || !Objects.equals(before.getMetadata().getDeletionTimestamp(),
                        after.getMetadata().getDeletionTimestamp())) {
            wake(after);
        }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        wake(pod);
    }

    private void wake(Pod pod) {
        String connect = ConnectCaches.connectOf(pod);
        if (connect != null) {
            queue.accept(new ResourceKey(pod.getMetadata().getNamespace(), connect));
        }
    }
}
