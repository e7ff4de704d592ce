package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;

/**
 * How the controller reads SparkApplications: as {@link GenericKubernetesResource} (so an informer never chokes on
 * a manifest whose fields have the wrong types, e.g. inside the schemaless pod templates), converted to the typed
 * model per reconciliation, where a failure becomes a status error the user can read.
 */
public final class SparkApplications {
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION).withKind(ApiGroup.SPARK_APPLICATION)
            .withPlural("sparkapplications").withNamespaced(true).build();

    private SparkApplications() {
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> api(KubernetesClient client) {
        return client.genericKubernetesResources(CONTEXT);
    }

    /** The typed view; throws {@link InvalidManifestException} naming the offending field. */
    public static SparkApplication toTyped(GenericKubernetesResource raw) {
        String invalid = "invalid SparkApplication " + raw.getMetadata().getNamespace() + "/"
                + raw.getMetadata().getName() + ": ";
        SparkApplication app;
        try {
            app = ApiJson.serialization().convertValue(raw, SparkApplication.class);
        } catch (RuntimeException e) {
            throw new InvalidManifestException(invalid + UnreadableManifest.reason(e).orElseGet(() -> firstLine(e)), e);
        }
        if (app.getSpec() == null) {
            // Stored only where no CRD requires it; every later step (driver name, state machine) needs a spec.
            throw new InvalidManifestException(invalid + "spec is required", null);
        }
        return app;
    }

    /** The stored status, or {@link SparkApplicationStatus#initial()} when absent or unreadable. */
    public static SparkApplicationStatus statusOf(GenericKubernetesResource raw) {
        Object status = raw.getAdditionalProperties().get("status");
        if (status == null) {
            return SparkApplicationStatus.initial();
        }
        try {
            return ApiJson.serialization().convertValue(status, SparkApplicationStatus.class);
        } catch (RuntimeException e) {
            return SparkApplicationStatus.initial();
        }
    }


    private static String firstLine(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return UnreadableManifest.firstLine(cause.getMessage());
    }
}
