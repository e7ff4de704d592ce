package io.sparkoperator.batch;

import io.sparkoperator.api.SparkApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * scheduler-plugins coscheduling under one of {@code --kube-scheduler-names}: a {@code scheduling.x-k8s.io/v1alpha1}
 * PodGroup {@code <app>-pg} ({@code minMember: 1}, {@code minResources} = driver + initial executors), and the
 * {@code scheduling.x-k8s.io/pod-group} label on driver and executor pods.
 */
public record KubeScheduler(String name) implements BatchScheduler {
    public static final String POD_GROUP_LABEL = "scheduling.x-k8s.io/pod-group";

    public static String podGroupName(String app) {
        return app + "-pg";
    }

    @Override
    public Optional<PodGroupApi> podGroupApi() {
        return Optional.of(PodGroupApi.SCHEDULER_PLUGINS);
    }

    @Override
    public SchedulingPlan plan(SparkApplication app) throws SchedulingException {
        String group = podGroupName(app.getMetadata().getName());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("minMember", 1);
        spec.put("minResources", PodGroups.texts(PodGroups.total(app, true)));
        PodFields pods = PodFields.scheduledBy(name).withLabel(POD_GROUP_LABEL, group);
        return new SchedulingPlan(Optional.of(PodGroups.podGroup(PodGroupApi.SCHEDULER_PLUGINS, app, group, spec,
                null)), pods, pods);
    }
}
