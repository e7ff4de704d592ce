package io.sparkoperator.api;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * Owner references to the operator's resources. {@code controller} and {@code blockOwnerDeletion} are written only
 * when true, as client-go leaves them out otherwise.
 */
public final class OwnerReferences {
    private OwnerReferences() {
    }

    public static OwnerReference to(String apiVersion, String kind, ObjectMeta owner, boolean controller,
            boolean blockOwnerDeletion) {
        OwnerReferenceBuilder reference = new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withName(owner.getName()).withUid(owner.getUid());
        if (controller) {
            reference.withController(true);
        }
        if (blockOwnerDeletion) {
            reference.withBlockOwnerDeletion(true);
        }
        return reference.build();
    }

    /** The controller reference every object the operator creates for an app carries (the driver's, the UI's). */
    public static OwnerReference controllerOf(SparkApplication app) {
        return to(ApiGroup.API_VERSION, ApiGroup.SPARK_APPLICATION, app.getMetadata(), true, true);
    }
}
