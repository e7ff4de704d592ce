package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.InformerGroup;
import io.sparkoperator.runtime.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The informer caches the controller reads: SparkApplications (as generic resources, optionally filtered by
 * {@code --label-selector-filter}), ScheduledSparkApplications, and only the pods the operator launched (label
 * {@code sparkoperator.k8s.io/launched-by-spark-operator=true}), so memory grows with Spark pods, not with the
 * cluster. Pods are indexed by {@code <namespace>/<app-name>}.
 */
public final class SparkCaches {
    static final String BY_APP = "by-app";

    private final InformerGroup<GenericKubernetesResource> apps;
    private final InformerGroup<ScheduledSparkApplication> scheduledApps;
    private final InformerGroup<Pod> pods;
    private final KubernetesClient client;
    private volatile Predicate<ResourceKey> readLive = key -> false;

    public SparkCaches(KubernetesClient client, List<String> namespaces, LabelSelector appSelector) {
        this.client = client;
        apps = new InformerGroup<>("SparkApplications", namespaces, namespace -> {
            var all = SparkApplications.api(client);
            var scoped = namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace);
            return (appSelector == null ? scoped : scoped.withLabelSelector(appSelector)).runnableInformer(0);
        });
        scheduledApps = new InformerGroup<>("ScheduledSparkApplications", namespaces, namespace -> {
            var all = client.resources(ScheduledSparkApplication.class);
            return (namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace)).runnableInformer(0);
        });
        pods = new InformerGroup<Pod>("Spark pods", namespaces, namespace -> sparkPods(client, namespace).runnableInformer(0))
                .addIndexer(BY_APP, pod -> {
                    String app = pod.getMetadata().getLabels() == null ? null
                            : pod.getMetadata().getLabels().get(Labels.APP_NAME);
                    return app == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + app);
                });
    }

    private static FilterWatchListDeletable<Pod, PodList, PodResource> sparkPods(KubernetesClient client,
            String namespace) {
        var all = client.pods();
        return (namespace == null ? all.inAnyNamespace() : all.inNamespace(namespace))
                .withLabel(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true");
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

    /** Starts all informers; returns once every cache has listed its objects (reconciling earlier would guess). */
    public void startAndSync(Duration timeout) throws TimeoutException, InterruptedException {
        pods.startAndSync(timeout);
        scheduledApps.startAndSync(timeout);
        apps.startAndSync(timeout);
    }

    public boolean hasSynced() {
        return apps.hasSynced() && scheduledApps.hasSynced() && pods.hasSynced();
    }

    public boolean isWatching() {
        return apps.isWatching() && scheduledApps.isWatching() && pods.isWatching();
    }

    /** What cannot be listed or watched now, one line each (the reasons {@code /readyz} gives). */
    public List<String> watchProblems() {
        List<String> problems = new ArrayList<>(apps.problems());
        problems.addAll(scheduledApps.problems());
        problems.addAll(pods.problems());
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
        apps.stop();
        scheduledApps.stop();
        pods.stop();
    }
}
