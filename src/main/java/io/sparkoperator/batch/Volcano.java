package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.Quantity;
import io.sparkoperator.api.BatchSchedulerConfiguration;
import io.sparkoperator.api.DeployMode;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Volcano: a {@code scheduling.volcano.sh/v1beta1} PodGroup {@code spark-<app>-pg} with {@code minMember: 1} (the
 * driver is scheduled first), {@code minResources} = driver + initial executors (or
 * {@code batchSchedulerOptions.resources}), the queue and priority class of {@code batchSchedulerOptions}; the pods
 * carry the {@code scheduling.k8s.io/group-name} annotation. In client mode only the executors are in the group.
 * A user's own group-name annotation means "my PodGroup": then nothing is made (as in the Go operator).
 */
public record Volcano() implements BatchScheduler {
    public static final String NAME = "volcano";
    public static final String GROUP_NAME_ANNOTATION = "scheduling.k8s.io/group-name";

    @Override
    public String name() {
        return NAME;
    }

    public static String podGroupName(String app) {
        return "spark-" + app + "-pg";
    }

    @Override
    public Optional<PodGroupApi> podGroupApi() {
        return Optional.of(PodGroupApi.VOLCANO);
    }

    @Override
    public SchedulingPlan plan(SparkApplication app) throws SchedulingException {
        SparkApplicationSpec spec = app.getSpec();
        boolean client = spec.mode() == DeployMode.CLIENT;
        PodFields driver = PodFields.scheduledBy(NAME);
        PodFields executor = PodFields.scheduledBy(NAME);
        if (hasGroupName(client ? spec.executor() : spec.driver())) {
            return new SchedulingPlan(Optional.empty(), driver, executor);
        }
        BatchSchedulerConfiguration options = spec.batchSchedulerOptions();
        Map<String, Quantity> resources = options != null && options.resources() != null
                && !options.resources().isEmpty() ? options.resources() : PodGroups.total(app, !client);
        Map<String, Object> pgSpec = new LinkedHashMap<>();
        pgSpec.put("minMember", 1);
        pgSpec.put("minResources", PodGroups.texts(resources));
        if (options != null && options.queue() != null) {
            pgSpec.put("queue", options.queue());
        }
        if (options != null && options.priorityClassName() != null) {
            pgSpec.put("priorityClassName", options.priorityClassName());
        }
        String name = podGroupName(app.getMetadata().getName());
        var group = PodGroups.podGroup(PodGroupApi.VOLCANO, app, name, pgSpec, Map.of("phase", "Pending"));
        executor = executor.withAnnotation(GROUP_NAME_ANNOTATION, name);
        if (!client) {
            driver = driver.withAnnotation(GROUP_NAME_ANNOTATION, name);
        }
        return new SchedulingPlan(Optional.of(group), driver, executor);
    }

    private static boolean hasGroupName(SparkPodSpec side) {
        return side != null && side.annotations() != null && side.annotations().containsKey(GROUP_NAME_ANNOTATION);
    }
}
