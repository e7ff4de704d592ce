package io.sparkoperator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.Labels;
import io.sparkoperator.bench.apiserver.ObjectStore;
import io.sparkoperator.bench.apiserver.WatchEventView;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated kubelet working on the benchmark API server's store directly (its writes are not the operator's API
 * requests): a new driver pod starts Pending (as the API server reports it), runs after {@code startAfter}, and its
 * driver container exits 0 after another {@code runFor}. Status changes go out as watch events like any write.
 */
final class StoreKubelet implements AutoCloseable {
    private final ObjectStore store;
    private final Duration startAfter;
    private final Duration runFor;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kubelet").daemon().factory());
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger succeeded = new AtomicInteger();

    StoreKubelet(ObjectStore store, Duration startAfter, Duration runFor) {
        this.store = store;
        this.startAfter = startAfter;
        this.runFor = runFor;
        store.listen(this::seen);
    }

    private void seen(WatchEventView event) {
        if (event.type().equals("ADDED") && event.kind().equals("pods")
                && Labels.ROLE_DRIVER.equals(event.labels().get(Labels.SPARK_ROLE))) {
            String namespace = event.namespace();
            String name = event.name();
            clock.schedule(() -> run(namespace, name), startAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String namespace, String name) {
        store.modify("pods", namespace, name, pod -> {
            ObjectNode status = pod.putObject("status");
            String now = now();
            status.put("phase", "Running").put("startTime", now).put("podIP", "10.244.0.10");
            ObjectNode container = status.putArray("containerStatuses").addObject();
            container.put("name", Labels.DRIVER_CONTAINER).put("ready", true).put("restartCount", 0)
                    .put("image", "spark").putObject("state").putObject("running").put("startedAt", now);
            return pod;
        });
        started.incrementAndGet();
        clock.schedule(() -> finish(namespace, name), runFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(String namespace, String name) {
        store.modify("pods", namespace, name, pod -> {
            ObjectNode status = pod.withObject("status");
            status.put("phase", "Succeeded");
            ObjectNode container = (ObjectNode) status.withArray("containerStatuses").get(0);
            container.put("ready", false);
            String startedAt = container.path("state").path("running").path("startedAt").asText(now());
            container.putObject("state").putObject("terminated").put("exitCode", 0).put("reason", "Completed")
                    .put("startedAt", startedAt).put("finishedAt", now());
            return pod;
        });
        succeeded.incrementAndGet();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
