package io.sparkoperator.submit;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the per-submission pod templates that replace the Go operator's mutating webhook: the user's
 * {@code spec.driver/executor.template} with every pod-shaping field of the spec merged in (as in the Go operator),
 * plus the owner reference to the SparkApplication. Pure: the application is not modified.
 */
public final class PodTemplateRenderer {
    private PodTemplateRenderer() {
    }

    public static RenderedPodTemplates render(SparkApplication app) {
        List<String> warnings = new ArrayList<>();
        Pod driver = PodShaper.shape(app, PodRole.DRIVER, warnings);
        Pod executor = PodShaper.shape(app, PodRole.EXECUTOR, warnings);
        String uid = app.getMetadata().getUid();
        if (uid == null || uid.isBlank()) {
            warnings.add("the SparkApplication has no metadata.uid, so its pods get no owner reference");
        } else {
            addOwnerReference(driver, ownerReference(app, true));
            addOwnerReference(executor, ownerReference(app, false));
        }
        return new RenderedPodTemplates(driver, executor, warnings);
    }

    /** The driver's reference is the controller one (deleting the app deletes the driver); executors' is plain. */
    static OwnerReference ownerReference(SparkApplication app, boolean controller) {
        return OwnerReferences.to(ApiGroup.API_VERSION, ApiGroup.SPARK_APPLICATION, app.getMetadata(), controller,
                controller);
    }

    private static void addOwnerReference(Pod pod, OwnerReference ref) {
        List<OwnerReference> refs = new ArrayList<>(pod.getMetadata().getOwnerReferences());
        if (refs.stream().noneMatch(r -> ref.getUid().equals(r.getUid()))) {
            refs.add(ref);
        }
        pod.getMetadata().setOwnerReferences(refs);
    }
}
