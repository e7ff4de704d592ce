package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiJsonTest {
    private static final String APP = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata:
              name: spark-pi
              namespace: default
            spec:
              type: Scala
              mode: cluster
              sparkVersion: 4.1.1
              mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
              futureField: {nested: true}
              restartPolicy:
                type: OnFailure
                onFailureRetries: 3
              driver:
                cores: 1
                volumeMounts:
                - name: data
                  mountPath: /data
                template:
                  metadata:
                    labels: {team: a}
                  spec:
                    unknownPodField: 1
              executor:
                instances: 2
                deleteOnTermination: false
            status:
              submissionID: abc
              sparkApplicationId: spark-123
              lastSubmissionAttemptTime: "2026-01-02T03:04:05Z"
              terminationTime: null
              applicationState:
                state: ""
              executionAttempts: 1
            """;

    @Test
    void readsEnumsTimesExactNamesAndIgnoresUnknownFields() {
        SparkApplication app = ApiJson.parse(APP, SparkApplication.class);
        assertEquals(ApplicationType.SCALA, app.getSpec().type());
        assertEquals(DeployMode.CLUSTER, app.getSpec().mode());
        assertEquals(RestartPolicyType.ON_FAILURE, app.getSpec().restartPolicy().type());
        assertEquals(2, app.getSpec().executor().instances());
        assertEquals("/data", app.getSpec().driver().volumeMounts().get(0).getMountPath());
        assertEquals("a", app.getSpec().driver().template().getMetadata().getLabels().get("team"));
        assertEquals(AppState.NEW, app.getStatus().state());
        assertEquals("abc", app.getStatus().submissionID());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), app.getStatus().lastSubmissionAttemptTime());
        assertNull(app.getStatus().terminationTime());
    }

    @Test
    void writesTheSameJsonNamesBack() throws Exception {
        SparkApplication app = ApiJson.parse(APP, SparkApplication.class);
        JsonNode json = ApiJson.mapper().readTree(ApiJson.toJson(app));
        assertEquals("", json.at("/status/applicationState/state").asText());
        assertEquals("abc", json.at("/status/submissionID").asText());
        assertEquals("spark-123", json.at("/status/sparkApplicationId").asText());
        assertEquals("2026-01-02T03:04:05Z", json.at("/status/lastSubmissionAttemptTime").asText());
        assertEquals("OnFailure", json.at("/spec/restartPolicy/type").asText());
        assertEquals(false, json.at("/spec/executor/deleteOnTermination").asBoolean(true));
        // a pod template keeps fields fabric8's model does not know
        assertEquals(1, json.at("/spec/driver/template/spec/unknownPodField").asInt());
        assertEquals(true, json.at("/spec/suspend").isMissingNode(), "absent fields stay absent");
    }
}
