package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardGate;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Puts its {@link ShardLabels} on each SparkApplication, so that the API server sends it (and, through the labels
 * copied at submission, its pods) only to the replica watching its shard. A new app is labelled by the replica
 * holding its shard (the others see it too and leave it); an app whose labels name another shard (edited) is
 * relabelled by whichever replica sees it. The label patch is a JSON merge patch of {@code metadata.labels} alone:
 * deterministic (every replica computes the same value), so two writers never disagree, and the spec and status are
 * untouched. A failed patch is retried when the unlabelled app is seen again (informer resync, every minute).
 */
public final class ShardLabeller {
    private static final System.Logger LOG = System.getLogger(ShardLabeller.class.getName());
    /** Label patches in flight at once: a burst of new apps must not open a connection each. */
    static final int CONCURRENT_PATCHES = 4;

    private final KubernetesClient client;
    private final ShardLabels labels;
    private final ShardGate gate;
    private final Function<GenericKubernetesResource, ResourceKey> shardKeyOf;
    private final Set<ResourceKey> pending = ConcurrentHashMap.newKeySet();
    private final Semaphore patches = new Semaphore(CONCURRENT_PATCHES);

    /** @param shardKeyOf the key whose hash places an app (a scheduled run's parent, else the app) */
    public ShardLabeller(KubernetesClient client, ShardLabels labels, ShardGate gate,
            Function<GenericKubernetesResource, ResourceKey> shardKeyOf) {
        this.client = client;
        this.labels = labels;
        this.gate = gate;
        this.shardKeyOf = shardKeyOf;
    }

    /** The shard an app belongs to. */
    private int shardOf(GenericKubernetesResource app) {
        return gate.shardOf(shardKeyOf.apply(app));
    }

    /** For the apps without this count's labels: labelled here when their shard is held here. */
    public ResourceEventHandler<GenericKubernetesResource> unlabelledHandler() {
        return onEachVersion(this::labelIfHeld);
    }

    /** For the apps of the shards watched here: one whose labels name another shard is set right. */
    public ResourceEventHandler<GenericKubernetesResource> labelledHandler() {
        return onEachVersion(this::relabelIfWrong);
    }

    /** Each version seen (added or updated); a deleted app needs no label. */
    private static ResourceEventHandler<GenericKubernetesResource> onEachVersion(
            Consumer<GenericKubernetesResource> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource app) {
                action.accept(app);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                action.accept(after);
            }

            @Override
            public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
                // labelled (it moved to its shard's watch) or deleted
            }
        };
    }

    /** A shard opened here: label its apps that arrived while nobody held it. */
    public void shardOpened(int shard, List<GenericKubernetesResource> unlabelled) {
        unlabelled.stream().filter(app -> shardOf(app) == shard).forEach(app -> label(app, shard));
    }

    private void labelIfHeld(GenericKubernetesResource app) {
        int shard = shardOf(app);
        if (gate.isOpen(shard)) {
            label(app, shard);
        }
    }

    private void relabelIfWrong(GenericKubernetesResource app) {
        int shard = shardOf(app);
        if (!labels.carries(app, shard)) {
            label(app, shard);
        }
    }

    /** In the background, a few at a time; one patch per app at once. */
    private void label(GenericKubernetesResource app, int shard) {
        ResourceKey key = ResourceKey.of(app);
        if (app.getMetadata().getDeletionTimestamp() != null || !pending.add(key)) {
            return;
        }
        Thread.ofVirtual().name("shard-label-" + key).start(() -> {
            try {
                patches.acquire();
                try {
                    patch(key, shard);
                } finally {
                    patches.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pending.remove(key);
            }
        });
    }

    private void patch(ResourceKey key, int shard) {
        String body = ApiJson.toJson(Map.of("metadata", Map.of("labels", labels.of(shard))));
        try {
            SparkApplications.api(client).inNamespace(key.namespace()).withName(key.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), body);
            LOG.log(Level.DEBUG, () -> "labelled " + key + " " + Labels.SHARD + "=" + shard);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                LOG.log(Level.WARNING, () -> "cannot label SparkApplication " + key + " with its shard " + shard
                        + " (it is not reconciled until it is; retried within a minute): " + e.getMessage());
            }
        }
    }
}
