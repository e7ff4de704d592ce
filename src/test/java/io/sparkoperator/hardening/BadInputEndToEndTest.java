package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.AppState;
import io.sparkoperator.hardening.BadInput.Harmless;
import io.sparkoperator.hardening.BadInput.Rejected;
import io.sparkoperator.hardening.BadInput.Unreadable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad SparkApplication of the catalog, all at once, through the whole operator (informers, reconciler, state
 * machine, submitter) on fabric8's CRUD mock, where no CRD checks anything; good applications are created before,
 * among and after them. Each bad one must end FAILED with its reason in status.applicationState.errorMessage and a
 * Warning Event, with no spark-submit run and no driver; harmless ones and the good ones must complete; the operator
 * must still be running at the end.
 */
class BadInputEndToEndTest {
    static final String NS = "default";

    @TempDir
    Path dir;
    private FaultyApiServer api;
    private KubernetesClient client;
    private HardenedOperator operator;
    private Kubelet kubelet;
    private Cluster cluster;

    @BeforeEach
    void start() throws Exception {
        api = new FaultyApiServer();
        client = api.newTestClient();
        cluster = new Cluster(client);
        // fabric8's default request timeout: some of these manifests are megabytes, written back with every status.
        operator = new HardenedOperator(api.newClient(Duration.ofSeconds(10)), dir).start();
        kubelet = new Kubelet(client).autoComplete();
    }

    @AfterEach
    void stop() throws Exception {
        kubelet.close();
        operator.close();
        api.close();
    }

    @Test
    void everyBadApplicationFailsVisiblyAndEveryGoodOneCompletes() {
        List<String> good = new ArrayList<>(List.of("good-before", "good-among", "good-after"));
        cluster.createSparkPi("good-before");
        Map<String, BadInput> bad = new LinkedHashMap<>();
        List<BadInput> cases = BadInputCatalog.sparkApplications();
        List<String> notStorable = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            BadInput input = cases.get(i);
            if (input.name().equals("newline-in-name")) {
                // Every API server refuses it (ObjectMeta: a DNS-1123 subdomain), CRD or not; it is not even a
                // usable URL path segment, so only the CRUD mock can hold it. Checked at the submitter level.
                notStorable.add(input.name());
                continue;
            }
            ObjectNode manifest = input.manifest();
            ObjectNode metadata = Manifest.object(manifest, "/metadata");
            if (!input.name().startsWith("name-") && !input.name().endsWith("-in-name")) {
                metadata.put("name", "bad-" + input.name());
            }
            cluster.create(manifest);
            bad.put(metadata.get("name").asText(), input);
            if (i == cases.size() / 2) {
                cluster.createSparkPi("good-among");
            }
        }
        cluster.createSparkPi("good-after");

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, BadInput> e : bad.entrySet()) {
            String name = e.getKey();
            BadInput input = e.getValue();
            if (input.operator() instanceof Harmless) {
                good.add(name);
                continue;
            }
            String fragment = switch (input.operator()) {
                case Rejected r -> r.fragment();
                case Unreadable u -> u.fragment();
                case Harmless h -> throw new AssertionError();
            };
            try {
                Await.until(Duration.ofSeconds(60), () -> cluster.state(NS, name) == AppState.FAILED,
                        () -> "FAILED, got " + cluster.status(NS, name).applicationState());
            } catch (AssertionError notFailed) {
                problems.add(input + ": " + notFailed.getMessage());
                continue;
            }
            String message = cluster.errorMessage(NS, name);
            if (message == null || !message.contains(fragment)) {
                problems.add(input + ": errorMessage lacks \"" + fragment + "\": " + message);
            }
            if (cluster.warnings(NS, name).stream().noneMatch(w -> w.getMessage().contains(fragment))) {
                problems.add(input + ": no Warning Event says \"" + fragment + "\": "
                        + cluster.warnings(NS, name).stream().map(w -> w.getMessage()).toList());
            }
            if (operator.submit.home.calls().stream().anyMatch(argv -> argv.contains(name))) {
                problems.add(input + ": spark-submit ran for it");
            }
        }
        assertEquals(List.of(), problems, "every bad application fails visibly");
        for (String name : good) {
            Await.until(() -> cluster.state(NS, name) == AppState.COMPLETED,
                    () -> name + " is " + cluster.status(NS, name));
        }
        assertEquals(good.size(), operator.submit.driversCreated.size(),
                "one driver per good or harmless app, none for a bad one: " + operator.submit.driversCreated);
        assertTrue(operator.submit.driversCreated.stream().allMatch(d -> d.startsWith(NS + "/")),
                "every driver in the app's namespace: " + operator.submit.driversCreated);
        assertTrue(operator.gate.isLeader() && operator.runtime.isReady(), "the operator is still running");
        assertEquals(List.of("newline-in-name"), notStorable);
    }
}
