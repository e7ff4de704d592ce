package io.sparkoperator.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
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
        try {
            return ApiJson.serialization().convertValue(raw, SparkApplication.class);
        } catch (RuntimeException e) {
            throw new InvalidManifestException("invalid SparkApplication " + raw.getMetadata().getNamespace() + "/"
                    + raw.getMetadata().getName() + ": " + firstLine(e), e);
        }
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

    /** The controller owner reference every object the operator creates for an app carries. */
    public static OwnerReference ownerReference(SparkApplication app) {
        return new OwnerReferenceBuilder().withApiVersion(ApiGroup.API_VERSION).withKind(ApiGroup.SPARK_APPLICATION)
                .withName(app.getMetadata().getName()).withUid(app.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
