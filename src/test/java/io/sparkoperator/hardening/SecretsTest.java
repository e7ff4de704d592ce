package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.AppState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in a spec (sparkConf and hadoopConf values under secret-looking keys, a password in the arguments, a
 * forbidden submission token) never reach the operator's logs at any level, the Events or any status, even when
 * spark-submit fails and echoes its whole command line on stderr.
 */
class SecretsTest {
    static final String NS = "default";
    static final List<String> SECRETS = List.of("S3-SECRET-VALUE-1", "ACCESS-KEY-VALUE-2", "PASSWORD-VALUE-3",
            "TOKEN-VALUE-4", "TRUSTSTORE-PASSWORD-VALUE-5");

    @TempDir
    Path dir;

    @Test
    void noSecretReachesLogsEventsOrStatusEvenWhenSparkSubmitEchoesItsArguments() throws Exception {
        String echoingFailure = "echo \"Exception in thread \\\"main\\\" org.apache.spark.SparkException: cannot submit"
                + " with: $*\" >&2; exit 1";
        try (FaultyApiServer api = new FaultyApiServer(); CapturedLogs logs = new CapturedLogs()) {
            KubernetesClient client = api.newTestClient();
            Cluster cluster = new Cluster(client);
            HardenedOperator operator = new HardenedOperator(api.newClient(), dir,
                    HardenedOperator.Settings.defaults().sparkSubmit(echoingFailure, Duration.ofSeconds(30)))
                    .start();
            try {
                ObjectNode leaky = Manifest.example(Manifest.SPARK_PI);
                Manifest.object(leaky, "/metadata").put("name", "leaky");
                ObjectNode spec = Manifest.object(leaky, "/spec");
                Manifest.object(spec, "/sparkConf").put("spark.hadoop.fs.s3a.secret.key", SECRETS.get(0))
                        .put("spark.ssl.trustStorePassword", SECRETS.get(4));
                Manifest.object(spec, "/hadoopConf").put("fs.s3a.access.key", SECRETS.get(1));
                Manifest.strings(spec, "arguments", "--user", "alice", "--password", SECRETS.get(2), "5000");
                cluster.create(leaky);

                ObjectNode token = Manifest.example(Manifest.SPARK_PI);
                Manifest.object(token, "/metadata").put("name", "token");
                Manifest.object(token, "/spec/sparkConf")
                        .put("spark.kubernetes.authenticate.submission.oauthToken", SECRETS.get(3));
                cluster.create(token);

                for (String name : List.of("leaky", "token")) {
                    Await.until(() -> cluster.state(NS, name) == AppState.FAILED,
                            () -> name + " FAILED, got " + cluster.status(NS, name).applicationState());
                }
                assertTrue(operator.submit.home.calls().stream().anyMatch(a -> a.contains(SECRETS.get(2))),
                        "the secrets did reach spark-submit (the test sees a real leak path)");
                String message = cluster.errorMessage(NS, "leaky");
                assertTrue(message.contains("cannot submit with")
                        && message.contains("spark.hadoop.fs.s3a.secret.key=*****"),
                        "spark-submit's message is kept, its secrets masked: " + message);
            } finally {
                operator.close();
            }
            List<String> leaks = new ArrayList<>();
            for (String secret : SECRETS) {
                logs.lines().stream().filter(l -> l.contains(secret)).findFirst()
                        .ifPresent(l -> leaks.add("log: " + l));
                cluster.events().stream().filter(e -> String.valueOf(e.getMessage()).contains(secret)).findFirst()
                        .ifPresent(e -> leaks.add("event: " + e.getMessage()));
                for (String name : List.of("leaky", "token")) {
                    String status = ApiJson.toJson(cluster.status(NS, name));
                    if (status.contains(secret)) {
                        leaks.add("status of " + name + ": " + status);
                    }
                }
            }
            assertEquals(List.of(), leaks);
            assertTrue(logs.lines().size() > 20, "logs were captured: " + logs.lines().size());
        }
    }
}
