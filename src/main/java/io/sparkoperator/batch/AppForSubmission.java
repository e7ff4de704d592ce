package io.sparkoperator.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationSpec;
import java.util.Map;

/**
 * The app as spark-submit gets it: a copy whose driver and executor pod templates carry the plan's labels,
 * annotations and {@code schedulerName}, so the existing template path renders them (and the executor template,
 * which Spark hands to the driver, carries them to every executor). Keys the plan sets are taken out of the spec's
 * {@code labels}/{@code annotations} so the scheduler's value wins, as in the Go operator. Only in memory: the spec
 * is never written.
 */
final class AppForSubmission {
    private AppForSubmission() {
    }

    static SparkApplication of(SparkApplication app, SchedulingPlan plan) {
        ObjectNode spec = ApiJson.mapper().valueToTree(app.getSpec());
        shape(object(spec, "driver"), plan.driver());
        shape(object(spec, "executor"), plan.executor());
        SparkApplication copy = new SparkApplication();
        copy.setMetadata(app.getMetadata());
        copy.setStatus(app.getStatus());
        copy.setSpec(ApiJson.mapper().convertValue(spec, SparkApplicationSpec.class));
        return copy;
    }

    private static void shape(ObjectNode side, PodFields fields) {
        side.put("schedulerName", fields.schedulerName());
        ObjectNode metadata = object(object(side, "template"), "metadata");
        put(object(metadata, "labels"), fields.labels());
        put(object(metadata, "annotations"), fields.annotations());
        remove(side.get("labels"), fields.labels());
        remove(side.get("annotations"), fields.annotations());
    }

    private static void put(ObjectNode into, Map<String, String> values) {
        values.forEach(into::put);
    }

    private static void remove(JsonNode from, Map<String, String> keys) {
        if (from instanceof ObjectNode object) {
            keys.keySet().forEach(object::remove);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }
}
