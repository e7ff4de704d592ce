package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PodGroup of either API, owned by the app (the controller reference), as a generic resource. */
final class PodGroups {
    private PodGroups() {
    }

    static GenericKubernetesResource podGroup(PodGroupApi api, SparkApplication app, String name,
            Map<String, Object> spec, Map<String, Object> status) {
        GenericKubernetesResource group = new GenericKubernetesResource();
        group.setApiVersion(api.apiVersion());
        group.setKind(PodGroupApi.KIND);
        group.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(app.getMetadata().getNamespace())
                .withOwnerReferences(List.of(OwnerReferences.controllerOf(app))).build());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spec", spec);
        if (status != null) {
            props.put("status", status);
        }
        group.setAdditionalProperties(props);
        return group;
    }

    /** The quantities as the text client-go writes. */
    static Map<String, String> texts(Map<String, Quantity> resources) {
        Map<String, String> out = new LinkedHashMap<>();
        resources.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    /** Driver plus {@code executors} executor pods (the executors alone when {@code withDriver} is false). */
    static Map<String, Quantity> total(SparkApplication app, boolean withDriver) throws SchedulingException {
        var spec = app.getSpec();
        Map<String, Quantities.Amount> sum = new LinkedHashMap<>();
        if (withDriver) {
            try {
                Quantities.add(sum, amounts(PodRequests.driver(spec)));
            } catch (SchedulingException e) {
                throw new SchedulingException("failed to calculate driver minResources: " + e.getMessage());
            }
        }
        try {
            int executors = PodRequests.initialExecutors(spec);
            if (executors > PodRequests.MAX_EXECUTOR_INSTANCES) {
                throw new SchedulingException("spark.executor.instances " + executors
                        + " exceeds maximum supported value " + PodRequests.MAX_EXECUTOR_INSTANCES);
            }
            if (executors > 0) {
                Quantities.add(sum, Quantities.times(amounts(PodRequests.executor(spec)), executors));
            }
        } catch (SchedulingException e) {
            throw new SchedulingException("failed to calculate executor minResources: " + e.getMessage());
        }
        return Quantities.toQuantities(sum);
    }

    private static Map<String, Quantities.Amount> amounts(Map<String, String> requests) {
        Map<String, Quantities.Amount> out = new LinkedHashMap<>();
        requests.forEach((k, v) -> out.put(k, Quantities.parse(v)));
        return out;
    }
}
