package io.sparkoperator.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * YuniKorn gang scheduling, described on the pods only: task-group names on driver ({@code spark-driver}) and
 * executors ({@code spark-executor}), the task groups as JSON on the driver (the originating pod), the
 * {@code queue} label from {@code batchSchedulerOptions.queue}, and {@code schedulerName: yunikorn} so it works
 * with YuniKorn's admission controller off. No executor group when no executor starts with the driver (YuniKorn
 * refuses {@code minMember: 0}).
 */
public record YuniKorn() implements BatchScheduler {
    public static final String NAME = "yunikorn";
    public static final String TASK_GROUP_NAME_ANNOTATION = "yunikorn.apache.org/task-group-name";
    public static final String TASK_GROUPS_ANNOTATION = "yunikorn.apache.org/task-groups";
    public static final String QUEUE_LABEL = "queue";
    public static final String DRIVER_GROUP = "spark-driver";
    public static final String EXECUTOR_GROUP = "spark-executor";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<PodGroupApi> podGroupApi() {
        return Optional.empty();
    }

    @Override
    public SchedulingPlan plan(SparkApplication app) throws SchedulingException {
        SparkApplicationSpec spec = app.getSpec();
        ArrayNode groups = ApiJson.mapper().createArrayNode();
        Map<String, String> driverRequests;
        try {
            driverRequests = PodRequests.driver(spec);
        } catch (SchedulingException e) {
            throw new SchedulingException("failed to calculate driver minResources: " + e.getMessage());
        }
        groups.add(taskGroup(DRIVER_GROUP, 1, driverRequests, spec, spec.driver()));
        int executors = PodRequests.initialExecutors(spec);
        if (executors > 0) {
            try {
                groups.add(taskGroup(EXECUTOR_GROUP, executors, PodRequests.executor(spec), spec, spec.executor()));
            } catch (SchedulingException e) {
                throw new SchedulingException("failed to calculate executor minResources: " + e.getMessage());
            }
        }
        PodFields driver = PodFields.scheduledBy(NAME).withAnnotation(TASK_GROUP_NAME_ANNOTATION, DRIVER_GROUP);
        PodFields executor = PodFields.scheduledBy(NAME).withAnnotation(TASK_GROUP_NAME_ANNOTATION, EXECUTOR_GROUP);
        String queue = spec.batchSchedulerOptions() == null ? null : spec.batchSchedulerOptions().queue();
        if (queue != null) {
            driver = driver.withLabel(QUEUE_LABEL, queue);
            executor = executor.withLabel(QUEUE_LABEL, queue);
        }
        try {
            driver = driver.withAnnotation(TASK_GROUPS_ANNOTATION, ApiJson.mapper().writeValueAsString(groups));
        } catch (JsonProcessingException e) {
            throw new SchedulingException("failed to add task group annotations: failed to marshal taskGroups: "
                    + e.getOriginalMessage());
        }
        return new SchedulingPlan(Optional.empty(), driver, executor);
    }

    /** One task group as YuniKorn's shim reads it; maps with sorted keys and absent fields left out, as Go writes. */
    private static ObjectNode taskGroup(String name, int minMember, Map<String, String> minResource,
            SparkApplicationSpec spec, SparkPodSpec side) {
        ObjectNode group = ApiJson.mapper().createObjectNode();
        group.put("name", name);
        group.put("minMember", minMember);
        group.set("minResource", ApiJson.mapper().valueToTree(new TreeMap<>(minResource)));
        Map<String, String> nodeSelector = new TreeMap<>();
        if (spec.nodeSelector() != null) {
            nodeSelector.putAll(spec.nodeSelector());
        }
        if (side != null && side.nodeSelector() != null) {
            nodeSelector.putAll(side.nodeSelector());
        }
        if (!nodeSelector.isEmpty()) {
            group.set("nodeSelector", ApiJson.mapper().valueToTree(nodeSelector));
        }
        if (side != null && side.tolerations() != null && !side.tolerations().isEmpty()) {
            group.set("tolerations", ApiJson.mapper().valueToTree(side.tolerations()));
        }
        if (side != null && side.affinity() != null) {
            group.set("affinity", ApiJson.mapper().valueToTree(side.affinity()));
        }
        if (side != null && side.labels() != null && !side.labels().isEmpty()) {
            group.set("labels", ApiJson.mapper().valueToTree(new TreeMap<>(side.labels())));
        }
        return group;
    }
}
