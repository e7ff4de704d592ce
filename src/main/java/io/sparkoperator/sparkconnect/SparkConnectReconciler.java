package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkConnect;
import io.sparkoperator.api.SparkConnectStatus;
import io.sparkoperator.runtime.EventRecorder;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.Reconciler;
import io.sparkoperator.runtime.ResourceKey;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One pass over a SparkConnect: observe (the object and its pods from the caches), decide ({@link ConnectDecider}),
 * act (ConfigMap and Service ensured, the server pod created or deleted), then write {@code /status} with the read
 * resourceVersion when it changed, and record the decided Events once the status is written. The spec is never
 * written. A SparkConnect that is gone has its server, executors, Service and ConfigMap deleted (the garbage
 * collector would do it too, through the owner references; this does not wait for it).
 */
public final class SparkConnectReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(SparkConnectReconciler.class.getName());
    private static final Duration CONFLICT_RETRY = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final ConnectCaches caches;
    private final EventRecorder events;
    private final Clock clock;
    private final String masterUrl;
    /** The uid of the server pod this operator last deleted, per SparkConnect: the cache may still hold it. */
    private final Map<ResourceKey, String> deletedServers = new ConcurrentHashMap<>();
    /** The Service name each SparkConnect had, for the clean-up once the object (and so its spec) is gone. */
    private final Map<ResourceKey, String> serviceNames = new ConcurrentHashMap<>();

    /** @param masterUrl the {@code --master} the server uses, as seen from inside the cluster */
    public SparkConnectReconciler(KubernetesClient client, ConnectCaches caches, EventRecorder events, Clock clock,
            String masterUrl) {
        this.client = client;
        this.caches = caches;
        this.events = events;
        this.clock = clock;
        this.masterUrl = masterUrl;
    }

    @Override
    public ReconcileResult reconcile(ResourceKey key) {
        SparkConnect connect = caches.connect(key);
        if (connect == null) {
            cleanUp(key);
            return ReconcileResult.done();
        }
        if (connect.getMetadata().getDeletionTimestamp() != null || connect.getSpec() == null) {
            return ReconcileResult.done();
        }
        String templateYaml = ExecutorTemplate.yaml(connect);
        Pod desired = null;
        String invalid = null;
        try {
            desired = ServerPodBuilder.build(connect, masterUrl, templateYaml);
        } catch (InvalidConnectException e) {
            invalid = e.getMessage();
        }
        Pod server = caches.pod(key.namespace(), ConnectNames.serverPod(key.name()));
        if (server != null && !ConnectOwner.ownedBy(server, key.name())) {
            invalid = "pod " + server.getMetadata().getName() + " exists and is not this SparkConnect's";
            server = null;
        }
        boolean going = server != null && (server.getMetadata().getDeletionTimestamp() != null
                || Objects.equals(server.getMetadata().getUid(), deletedServers.get(key)));
        List<Pod> executors = caches.podsOf(key).stream()
                .filter(p -> Labels.ROLE_EXECUTOR.equals(p.getMetadata().getLabels().get(Labels.SPARK_ROLE)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
        ConnectDecision decision = ConnectDecider.decide(new ConnectDecider.Observed(connect, server, going,
                desired == null ? null : ServerPodBuilder.hashOf(desired), invalid, executors, clock.instant()));

        if (invalid == null) {
            ensureConfigMap(connect, templateYaml);
            ensureService(connect);
        }
        switch (decision.action()) {
            case CREATE -> create(desired);
            case ROLL, RESTART -> deleteServer(key, server);
            case NONE -> { }
        }
        if (!writeStatus(connect, decision.status())) {
            return ReconcileResult.requeueAfter(CONFLICT_RETRY);
        }
        decision.events().forEach(e -> events.record(connect, e.warning() ? "Warning" : "Normal", e.reason(),
                e.message()));
        return decision.requeueAfter().map(ReconcileResult::requeueAfter).orElseGet(ReconcileResult::done);
    }

    private void create(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
            LOG.info(() -> "created server pod " + pod.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created by an earlier pass whose status write failed (or the cache is behind): it exists, the goal.
        }
    }

    private void deleteServer(ResourceKey key, Pod server) {
        deletedServers.put(key, server.getMetadata().getUid());
        client.pods().inNamespace(key.namespace()).withName(server.getMetadata().getName()).delete();
        LOG.info(() -> "deleted server pod " + server.getMetadata().getName());
    }

    /** The executor template file, created or brought up to date (the server reads it when it starts). */
    private void ensureConfigMap(SparkConnect connect, String templateYaml) {
        ConfigMap desired = ExecutorTemplate.build(connect, templateYaml);
        var resource = client.configMaps().inNamespace(connect.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName());
        ConfigMap current = resource.get();
        if (current == null) {
            createIgnoringConflict(client.configMaps().inNamespace(connect.getMetadata().getNamespace())
                    .resource(desired));
        } else if (ConnectOwner.ownedBy(current, connect.getMetadata().getName())
                && !Objects.equals(current.getData(), desired.getData())) {
            current.setData(desired.getData());
            client.configMaps().inNamespace(connect.getMetadata().getNamespace()).resource(current).update();
        }
    }

    /** Created when absent; an existing Service is left as it is (its ports and selector are set at creation). */
    private void ensureService(SparkConnect connect) {
        Service desired = ServerService.build(connect);
        serviceNames.put(ResourceKey.of(connect), desired.getMetadata().getName());
        var services = client.services().inNamespace(connect.getMetadata().getNamespace());
        if (services.withName(desired.getMetadata().getName()).get() == null) {
            createIgnoringConflict(services.resource(desired));
            LOG.info(() -> "created service " + desired.getMetadata().getName());
        }
    }

    private static void createIgnoringConflict(io.fabric8.kubernetes.client.dsl.Resource<?> resource) {
        try {
            resource.create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    /** PUT /status with the read resourceVersion; false on a conflict (a newer object is on its way). */
    private boolean writeStatus(SparkConnect connect, SparkConnectStatus next) {
        if (sameAsWritten(connect.getStatus(), next)) {
            return true;
        }
        SparkConnect update = new SparkConnect();
        update.setMetadata(connect.getMetadata());
        update.setSpec(connect.getSpec());
        update.setStatus(new SparkConnectStatus(next.conditions(), next.state(), next.server(),
                next.restartAttempts(), next.lastRestartTime(), next.observedGeneration(), next.executors(),
                next.startTime(), clock.instant()));
        try {
            client.resources(SparkConnect.class).inNamespace(connect.getMetadata().getNamespace()).resource(update)
                    .updateStatus();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return true; // deleted meanwhile: the next pass cleans up
            }
            throw e;
        }
    }

    /** Equal as written: {@code lastUpdateTime} aside, times at whole seconds. */
    static boolean sameAsWritten(SparkConnectStatus before, SparkConnectStatus after) {
        if (before == null) {
            return false;
        }
        var a = ApiJson.mapper().valueToTree(withoutUpdateTime(before));
        var b = ApiJson.mapper().valueToTree(withoutUpdateTime(after));
        return a.equals(b);
    }

    private static SparkConnectStatus withoutUpdateTime(SparkConnectStatus s) {
        return new SparkConnectStatus(s.conditions(), s.state(), s.server(), s.restartAttempts(), s.lastRestartTime(),
                s.observedGeneration(), s.executors(), s.startTime(), null);
    }

    /** The SparkConnect is gone: delete what it owned (only what carries its controller reference). */
    private void cleanUp(ResourceKey key) {
        deletedServers.remove(key);
        for (Pod pod : caches.podsOf(key)) {
            boolean executor = Labels.ROLE_EXECUTOR.equals(pod.getMetadata().getLabels().get(Labels.SPARK_ROLE));
            if ((executor || ConnectOwner.ownedBy(pod, key.name())) && pod.getMetadata().getDeletionTimestamp() == null) {
                client.pods().inNamespace(key.namespace()).withName(pod.getMetadata().getName()).delete();
                LOG.info(() -> "SparkConnect deleted: deleted pod " + pod.getMetadata().getName());
            }
        }
        deleteOwned(key, client.configMaps().inNamespace(key.namespace()).withName(ConnectNames.configMap(key.name())));
        String service = Objects.requireNonNullElse(serviceNames.remove(key), ConnectNames.serverPod(key.name()));
        deleteOwned(key, client.services().inNamespace(key.namespace()).withName(service));
    }

    private static <T extends HasMetadata> void deleteOwned(ResourceKey key,
            io.fabric8.kubernetes.client.dsl.Resource<T> resource) {
        T current = resource.get();
        if (current != null && ConnectOwner.ownedBy(current, key.name())
                && current.getMetadata().getDeletionTimestamp() == null) {
            resource.delete();
            LOG.info(() -> "SparkConnect deleted: deleted " + current.getKind() + " " + current.getMetadata().getName());
        }
    }
}
