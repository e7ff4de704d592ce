package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.SparkMockApiServer;
import io.sparkoperator.testing.StallingDispatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can go wrong with a submission worker, with a real one (Spark 4.1.1) against the mock: killed mid-submission
 * before and after it created the driver, over the timeout, replaced by count and by heap, unable to start, and
 * stopped with the operator.
 */
@Tag("integration")
class WarmWorkerFaultsTest {
    @TempDir
    Path work;
    StallingDispatcher dispatcher;
    KubernetesMockServer server;
    KubernetesClient client;
    Submitter submitter;

    @BeforeEach
    void start() {
        dispatcher = new StallingDispatcher();
        server = SparkMockApiServer.start(dispatcher);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        dispatcher.release();
        if (submitter != null) {
            submitter.close();
        }
        client.close();
        server.destroy();
    }

    private Submitter submitter(Duration timeout, UnaryOperator<WorkerSettings> settings) {
        SubmitterConfig config = SparkMockApiServer.submitterConfig(server, work)
                .withTimeout(timeout)
                .withMaxConcurrentSubmits(1);
        submitter = new Submitter(config, settings.apply(WorkerSettings.defaults()));
        return submitter;
    }

    private static SparkApplication app(String name) {
        SparkApplication app = TestApps.sparkPi();
        app.getMetadata().setName(name);
        return app;
    }

    private List<Pod> drivers(String app) {
        return client.pods().inNamespace("default").withLabel(Labels.APP_NAME, app).list().getItems();
    }

    /**
     * Submits app "victim" (submission ID id-1) on a warmed-up worker, kills that worker when the mock holds the
     * request {@code at}, and lets the held request go: what the submitter says then.
     */
    private SubmitResult killTheWorkerAt(Submitter submitter, Predicate<RecordedRequest> at) throws Exception {
        assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(app("warm-up"), "id-0"));
        long killed = submitter.workerPids().get(0);
        dispatcher.stall(at);
        CompletableFuture<SubmitResult> result = CompletableFuture.supplyAsync(
                () -> submitter.submit(app("victim"), "id-1"));
        assertTrue(dispatcher.awaitStalled(60), "the worker reached the held request");
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        // The mock holds its event loop while stalled: let the next worker's requests in. The dead worker's held
        // request reaches the mock too.
        dispatcher.release();
        SubmitResult outcome = result.get();
        assertEquals(2, submitter.workersStarted(), "a new worker took over");
        assertFalse(submitter.workerPids().contains(killed));
        List<Pod> drivers = drivers("victim");
        assertEquals(1, drivers.size(), "one driver pod, never two");
        assertEquals("id-1", drivers.get(0).getMetadata().getLabels().get(Labels.SUBMISSION_ID),
                "the driver of the recorded submission ID, which the controller adopts");
        return outcome;
    }

    @Test
    @Timeout(240)
    void aWorkerKilledAfterItCreatedTheDriverIsReplacedAndTheDriverAdopted() throws Exception {
        Submitter submitter = submitter(Duration.ofSeconds(120), s -> s);

        SubmitResult outcome = killTheWorkerAt(submitter, StallingDispatcher::applyAfterPod);

        assertInstanceOf(SubmitResult.DriverAlreadyExists.class, outcome, outcome::toString);
        assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(app("after"), "id-2"),
                "the new worker goes on submitting");
    }

    @Test
    @Timeout(240)
    void aWorkerKilledBeforeTheDriverExistedIsReplacedAndTheSubmissionMadeThere() throws Exception {
        Submitter submitter = submitter(Duration.ofSeconds(120), s -> s);

        SubmitResult outcome = killTheWorkerAt(submitter, StallingDispatcher::podCreate);

        // The held create of the dead worker may land first (then the new worker finds it: already exists).
        assertTrue(outcome instanceof SubmitResult.Submitted || outcome instanceof SubmitResult.DriverAlreadyExists,
                outcome::toString);
    }

    @Test
    @Timeout(240)
    void aSubmissionOverItsTimeoutKillsItsWorkerOnly() throws Exception {
        // Within Spark's own 10 s request timeout, so the stall ends in ours. A worker's first submission is its
        // slowest (about 3 s of class loading on a quiet machine): it runs before the timeout is short.
        Submitter submitter = submitter(Duration.ofSeconds(6), s -> s);
        for (int i = 0; i < 3 && !(submitter.submit(app("warm-up-" + i), "w-" + i)
                instanceof SubmitResult.Submitted); i++) {
            // a loaded machine: the first submission of a new worker went over 6 s; try again
        }
        assertEquals(1, submitter.workersAlive(), "a warm-up left its worker");
        long startedBefore = submitter.workersStarted();
        long stuck = submitter.workerPids().get(0);
        dispatcher.stall(StallingDispatcher::podCreate);

        SubmitResult outcome = submitter.submit(app("slow"), "id-1");

        SubmitResult.TimedOut timedOut = assertInstanceOf(SubmitResult.TimedOut.class, outcome, outcome::toString);
        assertTrue(timedOut.message().contains("submission worker"), timedOut::message);
        assertFalse(ProcessHandle.of(stuck).map(ProcessHandle::isAlive).orElse(false), "its worker was killed");
        dispatcher.release();
        assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(app("next"), "id-2"));
        assertEquals(startedBefore + 1, submitter.workersStarted(), "a new worker for the next submission");
    }

    @Test
    @Timeout(300)
    void workersAreReplacedAfterTheirSubmissionCountAndPastTheirHeapBound() {
        Submitter byCount = submitter(Duration.ofSeconds(120), s -> s.withLimits(2, 1000));
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(SubmitResult.Submitted.class, byCount.submit(app("count-" + i), "c-" + i));
        }
        assertEquals(2, byCount.workersStarted(), "the third submission went to a fresh worker");
        byCount.close();

        Submitter byHeap = submitter(Duration.ofSeconds(120), s -> s.withLimits(500, 1));
        for (int i = 0; i < 2; i++) {
            awaitAnIdleWorker(byHeap);
            long served = byHeap.workerPids().get(0);
            assertInstanceOf(SubmitResult.Submitted.class, byHeap.submit(app("heap-" + i), "h-" + i));
            assertTrue(ProcessHandle.of(served).map(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join())
                    .map(p -> !p.isAlive()).orElse(true), "a worker past a 1 MiB heap bound is replaced");
        }
        assertTrue(byHeap.workersStarted() >= 2);
    }

    /** The worker started ahead at creation (or after a retirement) is up and warmed. */
    private static void awaitAnIdleWorker(Submitter submitter) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (submitter.workerPids().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    @Timeout(180)
    void aWorkerThatCannotStartFallsBackToTheColdPath() {
        Submitter submitter = submitter(Duration.ofSeconds(120), s -> s.withWorkerJar(work.resolve("missing.jar")));

        SubmitResult outcome = submitter.submit(app("fallback"), "id-1");

        assertInstanceOf(SubmitResult.Submitted.class, outcome, outcome::toString);
        assertEquals(1, drivers("fallback").size());
        assertEquals(1, submitter.workerFallbacks());
        assertEquals(0, submitter.workersAlive());
        assertEquals(SubmissionMode.WARM, submitter.mode());
    }

    @Test
    @Timeout(180)
    void closingTheSubmitterStopsItsWorkers() {
        Submitter submitter = submitter(Duration.ofSeconds(120), s -> s);
        assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(app("one"), "id-1"));
        long pid = submitter.workerPids().get(0);
        assertEquals(List.of(pid), submitter.workerPids(), "the live worker is reported (its memory: metrics)");

        submitter.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(0, submitter.workersAlive());
    }
}
