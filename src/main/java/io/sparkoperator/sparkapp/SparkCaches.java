package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.InformerGroup;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.runtime.ShardedInformerGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The informer caches the controller reads: SparkApplications (as generic resources, optionally filtered by
 * {@code --label-selector-filter}), ScheduledSparkApplications, and only the pods the operator launched (label
 * {@code sparkoperator.k8s.io/launched-by-spark-operator=true}), so memory grows with Spark pods, not with the
 * cluster. Pods are indexed by {@code <namespace>/<app-name>}.
 *
 * <p>With {@link ShardLabels} (several active replicas) apps and pods are watched per shard held here, selected by
 * their shard labels, so each replica decodes and keeps only its share ({@link #watchShard}); pods without this
 * count's labels (launched before sharding) are watched by all; apps without them are watched apart, metadata
 * alone, for the {@link ShardLabeller}, and reach the controller only once labelled.
 */
public final class SparkCaches {
    static final String BY_APP = "by-app";
    /** Unlabelled apps are seen again this often, so a failed label patch is retried. */
    static final long UNLABELLED_RESYNC_MILLIS = 60_000;

    private final ShardedInformerGroup<GenericKubernetesResource> apps;
    private final InformerGroup<ScheduledSparkApplication> scheduledApps;
    private final ShardedInformerGroup<Pod> pods;
    /** Apps without shard labels, metadata alone (for the labeller); null without sharding. */
    private final InformerGroup<GenericKubernetesResource> unlabelledApps;
    private final KubernetesClient metadataOnly;
    private final ShardLabels shardLabels;
    private final KubernetesClient client;
    private volatile Predicate<ResourceKey> readLive = key -> false;
    private volatile Duration releasedShardLinger = Duration.ZERO;

    public SparkCaches(KubernetesClient client, List<String> namespaces, LabelSelector appSelector) {
        this(client, namespaces, appSelector, null);
    }

    /** @param shardLabels null: one replica works (or leads) alone and watches everything */
    public SparkCaches(KubernetesClient client, List<String> namespaces, LabelSelector appSelector,
            ShardLabels shardLabels) {
        this.client = client;
        this.shardLabels = shardLabels;
        boolean sharded = shardLabels != null;
        apps = new ShardedInformerGroup<>("SparkApplications", namespaces,
                (namespace, shard) -> appsOf(client, namespace, appSelector, shard).runnableInformer(0),
                sharded ? null : "SparkApplications");
        metadataOnly = sharded ? MetadataOnlyClient.of(client) : null;
        unlabelledApps = sharded ? new InformerGroup<>("SparkApplications without shard labels", namespaces,
                namespace -> appsOf(metadataOnly, namespace, appSelector, null)
                        .runnableInformer(UNLABELLED_RESYNC_MILLIS))
                : null;
        scheduledApps = new InformerGroup<>("ScheduledSparkApplications", namespaces, namespace -> {
            var all = client.resources(ScheduledSparkApplication.class);
            return (namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace)).runnableInformer(0);
        });
        pods = new ShardedInformerGroup<Pod>("Spark pods", namespaces,
                (namespace, shard) -> sparkPods(namespace, shard).runnableInformer(0),
                sharded ? "Spark pods without shard labels" : "Spark pods")
                .addIndexer(BY_APP, pod -> {
                    String app = pod.getMetadata().getLabels() == null ? null
                            : pod.getMetadata().getLabels().get(Labels.APP_NAME);
                    return app == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + app);
                });
    }

    private FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> appsOf(KubernetesClient through, String namespace,
            LabelSelector appSelector, Integer shard) {
        var all = SparkApplications.api(through);
        var scoped = namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace);
        return shardScoped(appSelector == null ? scoped : scoped.withLabelSelector(appSelector), shard);
    }

    private FilterWatchListDeletable<Pod, PodList, PodResource> sparkPods(String namespace, Integer shard) {
        var all = client.pods();
        return shardScoped((namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace))
                .withLabel(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true"), shard);
    }

    /** A shard's objects, or ({@code null}) those not labelled for this count; everything without sharding. */
    private <T, L, R> FilterWatchListDeletable<T, L, R> shardScoped(FilterWatchListDeletable<T, L, R> scope,
            Integer shard) {
        if (shardLabels == null) {
            return scope;
        }
        return shard == null ? scope.withoutLabel(Labels.SHARDS, shardLabels.count())
                : scope.withLabels(shardLabels.of(shard));
    }

    public SparkCaches onApps(ResourceEventHandler<GenericKubernetesResource> handler) {
        apps.addHandler(handler);
        return this;
    }

    public SparkCaches onScheduledApps(ResourceEventHandler<ScheduledSparkApplication> handler) {
        scheduledApps.addHandler(handler);
        return this;
    }

    public SparkCaches onPods(ResourceEventHandler<Pod> handler) {
        pods.addHandler(handler);
        return this;
    }

    /**
     * Told about apps that do not carry this shard count's labels yet (sharded only; resynced every minute), as
     * metadata alone: read through a {@link MetadataOnlyClient}.
     */
    public SparkCaches onUnlabelledApps(ResourceEventHandler<GenericKubernetesResource> handler) {
        if (unlabelledApps != null) {
            unlabelledApps.addHandler(handler);
        }
        return this;
    }

    /**
     * Starts the informers that do not depend on the shards held; returns once each has listed its objects
     * (reconciling earlier would guess). Sharded, a shard's apps and pods are watched from {@link #watchShard}.
     */
    public void startAndSync(Duration timeout) throws TimeoutException, InterruptedException {
        pods.startUnlabelled(timeout);
        scheduledApps.startAndSync(timeout);
        apps.startUnlabelled(timeout);
        if (unlabelledApps != null) {
            unlabelledApps.startAndSync(timeout);
        }
    }

    /** Sharded: starts watching a shard's apps and pods; done once both are listed. */
    public CompletableFuture<Void> watchShard(int shard) {
        return CompletableFuture.allOf(pods.watch(shard), apps.watch(shard));
    }

    /** Sharded: the shard was given up; its apps and pods leave the cache (no delete events). */
    public void unwatchShard(int shard) {
        apps.unwatch(shard, releasedShardLinger);
        pods.unwatch(shard, releasedShardLinger);
    }

    /**
     * How long the watches of a given-up shard stay open (default zero). Tests on fabric8's mock set it long: the
     * mock blocks its one event loop while it drains a closed watch's backlog, stalling every other client; a real
     * API server ends a watch at no such cost.
     */
    public SparkCaches lingerReleasedShardWatches(Duration linger) {
        this.releasedShardLinger = linger;
        return this;
    }

    public boolean sharded() {
        return shardLabels != null;
    }

    public boolean hasSynced() {
        return apps.hasSynced() && scheduledApps.hasSynced() && pods.hasSynced()
                && (unlabelledApps == null || unlabelledApps.hasSynced());
    }

    public boolean isWatching() {
        return apps.isWatching() && scheduledApps.isWatching() && pods.isWatching()
                && (unlabelledApps == null || unlabelledApps.isWatching());
    }

    /** What cannot be listed or watched now, one line each (the reasons {@code /readyz} gives). */
    public List<String> watchProblems() {
        List<String> problems = new ArrayList<>(apps.problems());
        problems.addAll(scheduledApps.problems());
        problems.addAll(pods.problems());
        if (unlabelledApps != null) {
            problems.addAll(unlabelledApps.problems());
        }
        return problems;
    }

    public GenericKubernetesResource app(ResourceKey key) {
        return apps.get(key.namespace(), key.name());
    }

    /**
     * The app a pass starts from: the cached one, or a live GET when {@code readLive} says so (the first pass after
     * this replica took the app's shard over: the cache may predate the previous owner's last write).
     */
    public GenericKubernetesResource appForPass(ResourceKey key) {
        if (readLive.test(key)) {
            return SparkApplications.api(client).inNamespace(key.namespace()).withName(key.name()).get();
        }
        return app(key);
    }

    public void readLiveWhen(Predicate<ResourceKey> predicate) {
        this.readLive = predicate;
    }

    /** The keys of every cached SparkApplication and ScheduledSparkApplication. */
    public List<ResourceKey> appKeys() {
        return apps.list().stream().map(ResourceKey::of).toList();
    }

    /** Sharded: the cached apps not labelled for this shard count yet, their metadata alone (no spec or status). */
    public List<GenericKubernetesResource> unlabelledApps() {
        return unlabelledApps == null ? List.of() : unlabelledApps.list();
    }

    public List<ResourceKey> scheduledAppKeys() {
        return scheduledApps.list().stream().map(ResourceKey::of).toList();
    }

    public Pod pod(String namespace, String name) {
        return pods.get(namespace, name);
    }

    /** Every cached Spark pod labelled with this app's name (drivers and executors of any submission). */
    public List<Pod> podsOf(ResourceKey app) {
        return pods.byIndex(app.namespace(), BY_APP, app.namespace() + "/" + app.name());
    }

    public int cachedPods() {
        return pods.size();
    }

    /** Every cached app the model can read (for metrics gauges). */
    public List<SparkApplication> typedApps() {
        List<SparkApplication> typed = new ArrayList<>();
        for (GenericKubernetesResource raw : apps.list()) {
            try {
                typed.add(SparkApplications.toTyped(raw));
            } catch (InvalidManifestException e) {
                // counted nowhere: its status says why
            }
        }
        return typed;
    }

    /** Every cached executor pod. */
    public List<Pod> executorPods() {
        return pods.list().stream().filter(pod -> pod.getMetadata().getLabels() != null
                && Labels.ROLE_EXECUTOR.equals(pod.getMetadata().getLabels().get(Labels.SPARK_ROLE))).toList();
    }

    public void stop() {
        if (unlabelledApps != null) {
            unlabelledApps.stop();
            metadataOnly.close();
        }
        apps.stop();
        scheduledApps.stop();
        pods.stop();
    }
}
