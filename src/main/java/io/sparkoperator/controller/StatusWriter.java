package io.sparkoperator.controller;

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
 * decision was made on stale facts); nothing is written when the stored status already equals the wanted one (compared after a JSON round
 * trip, so whole-second timestamps do not cause endless rewrites).
 */
public final class StatusWriter {
    private static final System.Logger LOG = System.getLogger(StatusWriter.class.getName());
    private static final int MAX_ATTEMPTS = 5;

    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** What happened: the object as stored afterwards, and whether a write was needed. */
    public record Outcome(GenericKubernetesResource stored, boolean written) {
    }

    /**
     * @param current the object the status was decided from (from the cache or a live read)
     * @throws KubernetesClientException when the app is gone or conflicts persist
     */
    public Outcome write(GenericKubernetesResource current, SparkApplicationStatus wanted) {
        SparkApplicationStatus normalized = normalize(wanted);
        SparkApplicationStatus decidedFrom = SparkApplications.statusOf(current);
        GenericKubernetesResource base = current;
        for (int attempt = 1; ; attempt++) {
            if (Objects.equals(SparkApplications.statusOf(base), normalized)) {
                return new Outcome(base, false);
            }
            try {
                GenericKubernetesResource stored = SparkApplications.api(client)
                        .inNamespace(base.getMetadata().getNamespace()).resource(withStatus(base, normalized))
                        .updateStatus();
                return new Outcome(stored, true);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.log(Level.DEBUG, () -> "SparkApplication(" + key(current) + "): status conflict, re-reading");
                base = SparkApplications.api(client).inNamespace(current.getMetadata().getNamespace())
                        .withName(current.getMetadata().getName()).get();
                // Only metadata or spec moved (a user edit): our decision still holds. A status written by someone
                // else means the decision was made on stale facts: give up, the caller decides again.
                if (base == null || !Objects.equals(SparkApplications.statusOf(base), decidedFrom)) {
                    throw e;
                }
            }
        }
    }

    static SparkApplicationStatus normalize(SparkApplicationStatus status) {
        return ApiJson.parse(ApiJson.toJson(status), SparkApplicationStatus.class);
    }

    private static GenericKubernetesResource withStatus(GenericKubernetesResource base, SparkApplicationStatus status) {
        GenericKubernetesResource copy = new GenericKubernetesResourceBuilder(base).build();
        copy.setAdditionalProperties(new LinkedHashMap<>(base.getAdditionalProperties()));
        copy.getAdditionalProperties().put("status",
                ApiJson.serialization().convertValue(status, Map.class));
        return copy;
    }

    private static String key(GenericKubernetesResource app) {
        return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    }
}
