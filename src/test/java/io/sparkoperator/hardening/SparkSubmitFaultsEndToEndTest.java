package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spark-submit that hangs or is killed by a signal, through the whole operator: the app ends FAILED (restart
 * policy Never) with the reason in status and a Warning Event, no driver exists, and a second app is handled the
 * same way afterwards (the operator is not stuck on the first).
 */
class SparkSubmitFaultsEndToEndTest {
    static final String NS = "default";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hangs|sleep 300 & wait|timed out after 2s",
        "killed by SIGKILL|kill -KILL $$|code 137",
        "killed by SIGTERM|kill -TERM $$|code 143"})
    void theAppFailsWithTheReasonAndTheOperatorGoesOn(String fault, String script, String reason) throws Exception {
        try (FaultyApiServer api = new FaultyApiServer()) {
            Cluster cluster = new Cluster(api.newTestClient());
            HardenedOperator operator = new HardenedOperator(api.newClient(), dir,
                    HardenedOperator.Settings.defaults().sparkSubmit(script, Duration.ofSeconds(2))).start();
            try {
                for (String name : new String[] {"first", "second"}) {
                    cluster.createSparkPi(name);
                    Await.until(() -> cluster.state(NS, name) == AppState.FAILED,
                            () -> name + " FAILED, got " + cluster.status(NS, name).applicationState());
                    String message = cluster.errorMessage(NS, name);
                    assertTrue(message.contains(reason), fault + ": " + message);
                    assertTrue(cluster.warnings(NS, name).stream().anyMatch(w -> w.getMessage().contains(reason)),
                            fault + ": a Warning Event says " + reason);
                }
                assertTrue(operator.submit.driversCreated.isEmpty(), "no driver");
                assertTrue(operator.runtime.isReady(), "the operator runs on");
            } finally {
                operator.close();
            }
        }
    }
}
