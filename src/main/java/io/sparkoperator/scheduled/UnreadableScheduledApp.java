package io.sparkoperator.scheduled;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.sparkapp.UnreadableManifest;
import java.util.Optional;

/**
 * A ScheduledSparkApplication the model cannot read (a field of the wrong type, stored because the CRD is missing or
 * old): read raw instead, so the user still gets a FailedValidation status and a Warning Event naming the field
 * instead of a reconciler that fails on every pass.
 */
final class UnreadableScheduledApp {
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION).withKind(ApiGroup.SCHEDULED_SPARK_APPLICATION)
            .withPlural("scheduledsparkapplications").withNamespaced(true).build();

    private UnreadableScheduledApp() {
    }

    /** The reading error when {@code e} is one. */
    static Optional<String> reason(Throwable e) {
        return UnreadableManifest.reason(e);
    }

    /** Metadata and (if readable) status of the raw object, with no spec; empty when it is gone. */
    static Optional<ScheduledSparkApplication> shell(KubernetesClient client, ResourceKey key) {
        GenericKubernetesResource raw = client.genericKubernetesResources(CONTEXT).inNamespace(key.namespace())
                .withName(key.name()).get();
        if (raw == null) {
            return Optional.empty();
        }
        ScheduledSparkApplication shell = new ScheduledSparkApplication();
        shell.setMetadata(raw.getMetadata());
        Object status = raw.getAdditionalProperties().get("status");
        try {
            shell.setStatus(status == null ? null
                    : ApiJson.serialization().convertValue(status, ScheduledSparkApplicationStatus.class));
        } catch (RuntimeException unreadableStatus) {
            shell.setStatus(null);
        }
        return Optional.of(shell);
    }
}
