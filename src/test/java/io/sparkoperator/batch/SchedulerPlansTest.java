package io.sparkoperator.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each scheduler's plan for a manifest against what the Go operator produces for it (the cases and figures of its
 * volcano and yunikorn scheduler tests; PodGroup objects field by field).
 */
class SchedulerPlansTest {
    static SparkApplication app(String name, String spec) {
        String yaml = """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: %s
                  namespace: default
                  uid: 1b4e28ba-2fa1-11d2-883f-0016d3cca427
                spec:
                %s""".formatted(name, spec.indent(2));
        return ApiJson.parse(yaml, SparkApplication.class);
    }

    static JsonNode json(Object o) {
        return ApiJson.mapper().valueToTree(o);
    }

    static JsonNode json(String text) throws Exception {
        return ApiJson.mapper().readTree(text);
    }

    private static final String JVM_2G_DRIVER_1G_EXECUTORS = """
            type: Java
            mode: %s
            driver:
              cores: %d
              memory: 2g
            executor:
              instances: 2
              cores: 1
              memory: 1g
            """;

    @Test
    void volcanoClusterModeGroupsDriverAndExecutorsAndIsOwnedByTheApp() throws Exception {
        SchedulingPlan plan = new Volcano().plan(app("jvm-cluster", JVM_2G_DRIVER_1G_EXECUTORS.formatted("cluster", 2)
                + "batchSchedulerOptions:\n  queue: batch-queue\n  priorityClassName: high\n"));
        // driver 2048 + 384 = 2432 Mi, executors (1024 + 384) x 2 = 2816 Mi: 5248 Mi; cpu 2 + 1 x 2.
        assertEquals(json("""
                {"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"PodGroup",
                 "metadata":{"name":"spark-jvm-cluster-pg","namespace":"default","ownerReferences":[
                   {"apiVersion":"sparkoperator.k8s.io/v1beta2","kind":"SparkApplication","name":"jvm-cluster",
                    "uid":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","controller":true,"blockOwnerDeletion":true}]},
                 "spec":{"minMember":1,"minResources":{"cpu":"4","memory":"5248Mi"},"queue":"batch-queue",
                         "priorityClassName":"high"},
                 "status":{"phase":"Pending"}}"""), json(plan.podGroup().orElseThrow()));
        assertEquals(Map.of("scheduling.k8s.io/group-name", "spark-jvm-cluster-pg"), plan.driver().annotations());
        assertEquals(Map.of("scheduling.k8s.io/group-name", "spark-jvm-cluster-pg"), plan.executor().annotations());
        assertEquals("volcano", plan.driver().schedulerName());
        assertEquals("volcano", plan.executor().schedulerName());
    }

    @Test
    void volcanoClientModeGroupsOnlyTheExecutors() throws Exception {
        SchedulingPlan plan = new Volcano().plan(app("jvm-default", JVM_2G_DRIVER_1G_EXECUTORS.formatted("client", 1)));
        assertEquals(json("""
                {"minMember":1,"minResources":{"cpu":"2","memory":"2816Mi"}}"""),
                json(plan.podGroup().orElseThrow().getAdditionalProperties().get("spec")));
        assertEquals(Map.of(), plan.driver().annotations());
        assertEquals(Map.of("scheduling.k8s.io/group-name", "spark-jvm-default-pg"), plan.executor().annotations());
    }

    @Test
    void volcanoAppliesTheNonJvmOverheadAndDynamicAllocationsInitialExecutors() throws Exception {
        SchedulingPlan python = new Volcano().plan(app("python-default", """
                type: Python
                mode: client
                driver: {cores: 1, memory: 1g}
                executor: {instances: 1, cores: 1, memory: 1g}
                """));
        assertEquals("1433Mi", minResources(python).get("memory").asText(), "1024 + 0.4 x 1024, floored");
        SchedulingPlan dynamic = new Volcano().plan(app("jvm-dynalloc", """
                type: Java
                mode: client
                dynamicAllocation: {enabled: true, minExecutors: 2, maxExecutors: 10, initialExecutors: 4}
                driver: {cores: 1, memory: 1g}
                executor: {cores: 1, memory: 1g}
                """));
        assertEquals(json("{\"cpu\":\"4\",\"memory\":\"5632Mi\"}"), minResources(dynamic), "1408 Mi x 4");
    }

    @Test
    void volcanoTakesBatchSchedulerOptionsResourcesAsTheyAre() throws Exception {
        SchedulingPlan plan = new Volcano().plan(app("res", JVM_2G_DRIVER_1G_EXECUTORS.formatted("cluster", 1) + """
                batchSchedulerOptions:
                  queue: gpu-queue
                  resources: {cpu: "6", memory: 12Gi, gpu: "4"}
                """));
        assertEquals(json("{\"cpu\":\"6\",\"memory\":\"12Gi\",\"gpu\":\"4\"}"), minResources(plan));
    }

    @Test
    void aUsersOwnGroupNameMeansNoPodGroup() throws Exception {
        SchedulingPlan plan = new Volcano().plan(app("own", """
                driver:
                  annotations: {scheduling.k8s.io/group-name: my-group}
                executor: {instances: 1}
                """));
        assertTrue(plan.podGroup().isEmpty());
        assertEquals(Map.of(), plan.driver().annotations(), "the user's annotation stays as it is");
        assertEquals("volcano", plan.driver().schedulerName());
    }

    @Test
    void absurdExecutorCountsAreRefusedAsInTheGoOperator() {
        SchedulingException e = assertThrows(SchedulingException.class, () -> new Volcano().plan(app("huge",
                "driver: {cores: 1}\nexecutor: {instances: 10001}\n")));
        assertEquals("failed to calculate executor minResources: spark.executor.instances 10001 exceeds maximum"
                + " supported value 10000", e.getMessage());
        SchedulingException bad = assertThrows(SchedulingException.class, () -> new Volcano().plan(app("bad",
                "driver: {memory: 2 gigs}\nexecutor: {instances: 1}\n")));
        assertEquals("failed to calculate driver minResources: unable to parse byte string: 2 gigs", bad.getMessage());
    }

    @Test
    void kubeSchedulerMakesASchedulerPluginsPodGroupAndLabelsBothSides() throws Exception {
        SchedulingPlan plan = new KubeScheduler("coscheduler").plan(app("co",
                JVM_2G_DRIVER_1G_EXECUTORS.formatted("cluster", 1)));
        assertEquals(json("""
                {"apiVersion":"scheduling.x-k8s.io/v1alpha1","kind":"PodGroup",
                 "metadata":{"name":"co-pg","namespace":"default","ownerReferences":[
                   {"apiVersion":"sparkoperator.k8s.io/v1beta2","kind":"SparkApplication","name":"co",
                    "uid":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","controller":true,"blockOwnerDeletion":true}]},
                 "spec":{"minMember":1,"minResources":{"cpu":"3","memory":"5248Mi"}}}"""),
                json(plan.podGroup().orElseThrow()));
        assertEquals(Map.of("scheduling.x-k8s.io/pod-group", "co-pg"), plan.driver().labels());
        assertEquals(Map.of("scheduling.x-k8s.io/pod-group", "co-pg"), plan.executor().labels());
        assertEquals("coscheduler", plan.executor().schedulerName());
    }

    private static JsonNode minResources(SchedulingPlan plan) {
        return json(plan.podGroup().orElseThrow().getAdditionalProperties().get("spec")).get("minResources");
    }

    @Test
    void yunikornTaskGroupsOfSparkPi() throws Exception {
        SchedulingPlan plan = new YuniKorn().plan(app("spark-pi-yunikorn", """
                type: Scala
                driver: {cores: 1, coreLimit: 1200m, memory: 512m}
                executor: {instances: 2, cores: 1, coreLimit: 1200m, memory: 512m}
                batchSchedulerOptions: {queue: root.default}
                """));
        assertEquals(json("""
                [{"name":"spark-driver","minMember":1,"minResource":{"cpu":"1","memory":"896Mi"}},
                 {"name":"spark-executor","minMember":2,"minResource":{"cpu":"1","memory":"896Mi"}}]"""),
                taskGroups(plan));
        assertEquals(Map.of("queue", "root.default"), plan.driver().labels());
        assertEquals(Map.of("queue", "root.default"), plan.executor().labels());
        assertEquals("spark-driver", plan.driver().annotations().get("yunikorn.apache.org/task-group-name"));
        assertEquals(Map.of("yunikorn.apache.org/task-group-name", "spark-executor"), plan.executor().annotations());
        assertEquals("yunikorn", plan.driver().schedulerName());
        assertTrue(plan.podGroup().isEmpty());
        assertFalse(plan.driver().annotations().get("yunikorn.apache.org/task-groups").contains(" "),
                "compact JSON, as Go's json.Marshal writes");
    }

    @Test
    void yunikornWithDynamicAllocationCoreRequestAndOverheads() throws Exception {
        SchedulingPlan plan = new YuniKorn().plan(app("da", """
                type: Python
                memoryOverheadFactor: "0.3"
                driver: {coreRequest: 2000m, cores: 4, memory: 8g}
                executor: {instances: 4, memoryOverhead: 2g, cores: 8, memory: 64g}
                dynamicAllocation: {enabled: true, initialExecutors: 8, minExecutors: 2}
                """));
        assertEquals(json("""
                [{"name":"spark-driver","minMember":1,"minResource":{"cpu":"2000m","memory":"10649Mi"}},
                 {"name":"spark-executor","minMember":8,"minResource":{"cpu":"8","memory":"67584Mi"}}]"""),
                taskGroups(plan));
    }

    @Test
    void yunikornCarriesNodeSelectorsTolerationsAffinityAndLabels() throws Exception {
        SchedulingPlan plan = new YuniKorn().plan(app("placed", """
                type: Python
                nodeSelector: {key: value}
                driver:
                  cores: 1
                  memory: 1g
                  nodeSelector: {key: newvalue, key2: value2}
                  tolerations:
                  - {key: example-key, operator: Equal, value: example-value, effect: NoSchedule}
                executor:
                  instances: 1
                  cores: 1
                  memory: 1g
                  labels: {label: value}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions:
                          - {key: another-key, operator: In, values: [value1, value2]}
                """));
        assertEquals(json("""
                [{"name":"spark-driver","minMember":1,"minResource":{"cpu":"1","memory":"1433Mi"},
                  "nodeSelector":{"key":"newvalue","key2":"value2"},
                  "tolerations":[{"key":"example-key","operator":"Equal","value":"example-value","effect":"NoSchedule"}]},
                 {"name":"spark-executor","minMember":1,"minResource":{"cpu":"1","memory":"1433Mi"},
                  "nodeSelector":{"key":"value"},
                  "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                    {"matchExpressions":[{"key":"another-key","operator":"In","values":["value1","value2"]}]}]}}},
                  "labels":{"label":"value"}}]"""), taskGroups(plan));
    }

    @Test
    void yunikornCountsPysparkAndOffHeapMemoryForExecutors() throws Exception {
        String base = """
                type: Python
                driver: {cores: 1, memory: 512m}
                executor: {instances: 2, cores: 1, memory: 512m}
                sparkConf:
                """;
        assertEquals("1396Mi", executorMemory(base + "  spark.executor.pyspark.memory: 500m\n"));
        assertEquals("1296Mi", executorMemory(base
                + "  spark.memory.offHeap.enabled: \"true\"\n  spark.memory.offHeap.size: 400m\n"));
        assertEquals("1796Mi", executorMemory(base + "  spark.memory.offHeap.enabled: \"true\"\n"
                + "  spark.memory.offHeap.size: 400m\n  spark.executor.pyspark.memory: 500m\n"));
    }

    @Test
    void yunikornLeavesOutTheExecutorGroupWhenNoExecutorStartsWithTheDriver() throws Exception {
        SchedulingPlan plan = new YuniKorn().plan(app("none", """
                driver: {cores: 1, memory: 512m}
                executor: {cores: 1, memory: 512m}
                dynamicAllocation: {enabled: true, minExecutors: 0}
                """));
        assertEquals(1, taskGroups(plan).size(), taskGroups(plan).toString());
    }

    @Test
    void theExamplesGetWhatTheirCommentsSay() throws Exception {
        SparkApplication volcano = example("spark-pi-volcano.yaml");
        assertEquals(json("{\"cpu\":\"2\",\"memory\":\"1792Mi\"}"), minResources(new Volcano().plan(volcano)));
        assertEquals("spark-spark-pi-volcano-pg", new Volcano().plan(volcano).podGroup().orElseThrow().getMetadata()
                .getName());
        assertEquals(json("""
                [{"name":"spark-driver","minMember":1,"minResource":{"cpu":"1","memory":"896Mi"}},
                 {"name":"spark-executor","minMember":2,"minResource":{"cpu":"1","memory":"896Mi"}}]"""),
                taskGroups(new YuniKorn().plan(example("spark-pi-yunikorn.yaml"))));
        assertEquals("spark-pi-pdb-driver", DriverPdb.of(example("spark-pi-pdb.yaml")).getMetadata().getName());
    }

    private static SparkApplication example(String file) throws Exception {
        return ApiJson.parse(java.nio.file.Files.readString(java.nio.file.Path.of(
                System.getProperty("project.basedir", "."), "examples", file)), SparkApplication.class);
    }

    private static String executorMemory(String spec) throws Exception {
        return taskGroups(new YuniKorn().plan(app("mem", spec))).get(1).path("minResource").path("memory").asText();
    }

    private static JsonNode taskGroups(SchedulingPlan plan) throws Exception {
        return json(plan.driver().annotations().get("yunikorn.apache.org/task-groups"));
    }
}
