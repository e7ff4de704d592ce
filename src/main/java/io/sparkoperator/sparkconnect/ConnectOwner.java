package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkConnect;

/** The controller reference on everything a SparkConnect owns, so the garbage collector removes it with it. */
final class ConnectOwner {
    private ConnectOwner() {
    }

    static OwnerReference reference(SparkConnect connect) {
        return OwnerReferences.to(ApiGroup.API_VERSION_V1ALPHA1, ApiGroup.SPARK_CONNECT, connect.getMetadata(), true,
                true);
    }

    /** True when {@code object} is controlled by a SparkConnect of this name (any uid: the owner may be gone). */
    static boolean ownedBy(HasMetadata object, String connect) {
        var references = object.getMetadata().getOwnerReferences();
        return references != null && references.stream().anyMatch(r -> ApiGroup.SPARK_CONNECT.equals(r.getKind())
                && connect.equals(r.getName()) && Boolean.TRUE.equals(r.getController()));
    }
}
