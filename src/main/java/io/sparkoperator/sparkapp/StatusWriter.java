package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplicationStatus;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@code SparkApplication.status} through the {@code /status} subresource only (so spec is never touched):
 * a PUT carrying the resourceVersion the status was computed from. A 409 conflict re-reads the latest object and
 * tries again if only spec or metadata changed meanwhile (a status changed by someone else fails the write, since the
 * decision was made on stale facts); nothing is written when the stored status already equals the wanted one
 * (compared in JSON form, so whole-second timestamps do not cause endless rewrites).
 */
public final class StatusWriter {
    private static final System.Logger LOG = System.getLogger(StatusWriter.class.getName());
    private static final int MAX_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final Runnable onConflict;

    public StatusWriter(KubernetesClient client) {
        this(client, () -> { });
    }

    /** @param onConflict told about every 409 answer (metrics) */
    public StatusWriter(KubernetesClient client, Runnable onConflict) {
        this.client = client;
        this.onConflict = onConflict;
    }

    /** What happened: the object as stored afterwards, and whether a write was needed. */
    public record Outcome(GenericKubernetesResource stored, boolean written) {
    }

    /**
     * @param current the object the status was decided from (from the cache or a live read)
     * @throws KubernetesClientException when the app is gone or conflicts persist
     */
    public Outcome write(GenericKubernetesResource current, SparkApplicationStatus wanted) {
        // The JSON shape of the wanted status, made once: it is compared with the stored status map (cheap, and
        // usually decisive) and becomes the body; whole-second timestamps are already cut here.
        Map<?, ?> wantedJson = ApiJson.serialization().convertValue(wanted, Map.class);
        SparkApplicationStatus normalized = null;
        Object decidedFrom = current.getAdditionalProperties().get("status");
        GenericKubernetesResource base = current;
        for (int attempt = 1; ; attempt++) {
            Object stored = base.getAdditionalProperties().get("status");
            if (wantedJson.equals(stored)) {
                return new Outcome(base, false);
            }
            if (normalized == null) {
                normalized = ApiJson.serialization().convertValue(wantedJson, SparkApplicationStatus.class);
            }
            // Equal as typed values despite a different map (e.g. a field the server added): nothing to write.
            if (Objects.equals(SparkApplications.statusOf(base), normalized)) {
                return new Outcome(base, false);
            }
            try {
                GenericKubernetesResource written = SparkApplications.api(client)
                        .inNamespace(base.getMetadata().getNamespace()).resource(withStatus(base, wantedJson))
                        .updateStatus();
                return new Outcome(written, true);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                onConflict.run();
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.log(Level.DEBUG, () -> "status conflict, re-reading");
                base = SparkApplications.api(client).inNamespace(current.getMetadata().getNamespace())
                        .withName(current.getMetadata().getName()).get();
                // Only metadata or spec moved (a user edit): our decision still holds. A status written by someone
                // else means the decision was made on stale facts: give up, the caller decides again.
                if (base == null || !Objects.equals(base.getAdditionalProperties().get("status"), decidedFrom)) {
                    throw e;
                }
            }
        }
    }

    private static GenericKubernetesResource withStatus(GenericKubernetesResource base, Map<?, ?> status) {
        GenericKubernetesResource copy = new GenericKubernetesResourceBuilder(base).build();
        copy.setAdditionalProperties(new LinkedHashMap<>(base.getAdditionalProperties()));
        copy.getAdditionalProperties().put("status", status);
        return copy;
    }

    private static String key(GenericKubernetesResource app) {
        return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    }
}
