package io.sparkoperator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

public class KeyedDispatcherTest {
    private static final ResourceKey A = new ResourceKey("ns", "a");
    private static final ResourceKey B = new ResourceKey("ns", "b");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualScheduler timers = new ManualScheduler();
    private final Map<ResourceKey, AtomicInteger> runs = new ConcurrentHashMap<>();

    private KeyedDispatcher dispatcher(Function<ResourceKey, ReconcileResult> body) {
        Reconciler reconciler = key -> {
            runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return body.apply(key);
        };
        return new KeyedDispatcher("test", reconciler, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3)),
                timers, ReconcileObserver.none());
    }

    private int runs(ResourceKey key) {
        return runs.getOrDefault(key, new AtomicInteger()).get();
    }

    @Test
    void oneReconcilePerKeyAtATimeWithBurstsCoalescedIntoOneFollowUpThatSeesTheLatestState() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aStarted = new CountDownLatch(1);
        AtomicInteger concurrentA = new AtomicInteger();
        AtomicInteger maxConcurrentA = new AtomicInteger();
        AtomicInteger latestVersion = new AtomicInteger(1);
        List<Integer> versionsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        KeyedDispatcher dispatcher = dispatcher(key -> {
            if (key.equals(A)) {
                maxConcurrentA.accumulateAndGet(concurrentA.incrementAndGet(), Math::max);
                versionsSeen.add(latestVersion.get());
                aStarted.countDown();
                await(release);
                concurrentA.decrementAndGet();
            }
            return ReconcileResult.done();
        });
        dispatcher.enqueue(A);
        assertTrue(aStarted.await(10, TimeUnit.SECONDS));
        Thread[] producers = new Thread[4];
        for (int i = 0; i < producers.length; i++) {
            producers[i] = Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 50; j++) {
                    latestVersion.incrementAndGet();
                    dispatcher.enqueue(A);
                }
            });
        }
        for (Thread producer : producers) {
            producer.join();
        }
        dispatcher.enqueue(B);
        // B is not held up by A's long reconcile.
        waitFor(() -> runs(B) == 1);
        release.countDown();
        assertTrue(dispatcher.awaitIdle(WAIT));
        waitFor(() -> runs(A) == 2 && dispatcher.inFlight() == 0);
        assertEquals(2, runs(A), "200 events during one pass become exactly one follow-up");
        assertEquals(1, maxConcurrentA.get());
        assertEquals(List.of(1, 201), versionsSeen);
        assertEquals(0, dispatcher.trackedKeys(), "idle keys are forgotten");
    }

    @Test
    void requeueAfterTimerRunsTheKeyAgainAndANewerEventCancelsIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        KeyedDispatcher dispatcher = dispatcher(key -> calls.incrementAndGet() == 1
                ? ReconcileResult.requeueAfter(Duration.ofHours(1)) : ReconcileResult.done());
        dispatcher.enqueue(A);
        waitFor(() -> timers.all().size() == 1);
        ManualScheduler.Timer timer = timers.all().get(0);
        assertEquals(Duration.ofHours(1), timer.delay());

        dispatcher.enqueue(A);
        waitFor(() -> runs(A) == 2 && dispatcher.inFlight() == 0);
        assertTrue(timer.isCancelled(), "the event cancelled the requeue timer");
        timers.fire(timer);
        Thread.sleep(100);
        assertEquals(2, runs(A), "a cancelled timer that fires late does nothing");

        calls.set(0);
        dispatcher.enqueue(A);
        waitFor(() -> timers.live().size() == 1 && dispatcher.inFlight() == 0);
        timers.fire(timers.live().get(0));
        waitFor(() -> runs(A) == 4);
    }

    @Test
    void failuresBackOffExponentiallyUpToTheCapAndSuccessResets() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        KeyedDispatcher dispatcher = dispatcher(key -> {
            int call = calls.incrementAndGet();
            if (call <= 5 || call == 7) {
                throw new IllegalStateException("boom " + call);
            }
            return ReconcileResult.done();
        });
        dispatcher.enqueue(A);
        for (int failure = 1; failure <= 5; failure++) {
            int expectedTimers = failure;
            waitFor(() -> timers.all().size() == expectedTimers && dispatcher.inFlight() == 0);
            timers.fire(timers.all().get(failure - 1));
        }
        waitFor(() -> runs(A) == 6 && dispatcher.inFlight() == 0);
        assertEquals(List.of(500L, 1000L, 2000L, 3000L, 3000L),
                timers.all().stream().map(t -> t.delay().toMillis()).toList());
        assertEquals(5, timers.all().size(), "success schedules nothing");

        dispatcher.enqueue(A);
        waitFor(() -> timers.all().size() == 6);
        assertEquals(Duration.ofMillis(500), timers.all().get(5).delay(), "the count restarted after the success");
    }

    @Test
    void aThrowingObserverDoesNotStrandTheKey() throws Exception {
        KeyedDispatcher dispatcher = new KeyedDispatcher("test", key -> {
            runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return ReconcileResult.done();
        }, Backoff.defaults(), timers, (key, took, result, failure) -> {
            throw new IllegalStateException("metrics broke");
        }, null, 1);
        dispatcher.enqueue(A);
        waitFor(() -> runs(A) == 1 && dispatcher.inFlight() == 0);
        dispatcher.enqueue(A);
        dispatcher.enqueue(B);
        waitFor(() -> runs(A) == 2 && runs(B) == 1 && dispatcher.inFlight() == 0);
        assertEquals(0, dispatcher.trackedKeys());
    }

    @Test
    void anErrorFromAThrowingReconcilerNeverKillsTheDispatcher() throws Exception {
        KeyedDispatcher dispatcher = new KeyedDispatcher("test", key -> {
            throw new StackOverflowError();
        }, Backoff.defaults(), timers, ReconcileObserver.none());
        dispatcher.enqueue(A);
        waitFor(() -> timers.all().size() == 1);
        assertTrue(dispatcher.awaitIdle(WAIT));
    }

    @Test
    void stopTakesNoNewWorkAndWaitsForRunningPassesUpToTheBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        KeyedDispatcher dispatcher = dispatcher(key -> {
            started.countDown();
            await(release);
            return ReconcileResult.requeueAfter(Duration.ofSeconds(1));
        });
        dispatcher.enqueue(A);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(dispatcher.stop(Duration.ofMillis(100), false), "still running after the bound");
        dispatcher.enqueue(B);
        release.countDown();
        assertTrue(dispatcher.stop(WAIT, false));
        assertEquals(0, runs(B), "no work is taken after stop");
        assertTrue(timers.live().isEmpty(), "no timer is armed after stop");
    }

    @Test
    void nothingRunsWhilePausedAndEachQueuedKeyRunsOnceOnResume() throws Exception {
        KeyedDispatcher dispatcher = dispatcher(key -> ReconcileResult.done());
        dispatcher.pause();
        for (int i = 0; i < 3; i++) {
            dispatcher.enqueue(A);
            dispatcher.enqueue(B);
        }
        Thread.sleep(50);
        assertEquals(0, runs(A) + runs(B));
        dispatcher.resume();
        waitFor(() -> runs(A) == 1 && runs(B) == 1 && dispatcher.inFlight() == 0);
        Thread.sleep(50);
        assertEquals(2, runs(A) + runs(B));
    }

    @Test
    void aBurstRunsAtMostTheBoundAtOnceAndEachWaitingKeyOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        KeyedDispatcher dispatcher = bounded(2, key -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            await(release);
            sleep(5);
            running.decrementAndGet();
        });
        List<ResourceKey> keys = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> new ResourceKey("ns", "app-" + i)).toList();
        keys.forEach(dispatcher::enqueue);
        keys.forEach(dispatcher::enqueue);
        assertEquals(2, dispatcher.inFlight());
        release.countDown();
        waitFor(() -> keys.stream().allMatch(k -> runs(k) >= 1) && dispatcher.inFlight() == 0);
        Thread.sleep(50);
        assertEquals(2, mostAtOnce.get());
        // The two running keys get one follow-up each; the 38 that waited ran once, though queued twice.
        assertEquals(List.of(2, 2), keys.subList(0, 2).stream().map(this::runs).toList());
        assertTrue(keys.subList(2, 40).stream().allMatch(k -> runs(k) == 1));
        assertEquals(0, dispatcher.trackedKeys(), "nothing left waiting");
    }

    @Test
    void theQueueDepthCountsKeysDueThatWaitForAWorkerNotRunningOrTimedOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ResourceKey timed = new ResourceKey("ns", "timed");
        Reconciler reconciler = key -> {
            if (key.equals(timed)) {
                return ReconcileResult.requeueAfter(Duration.ofHours(1)); // e.g. waiting for its TTL
            }
            await(release);
            return ReconcileResult.done();
        };
        KeyedDispatcher dispatcher = new KeyedDispatcher("test", reconciler, Backoff.defaults(), timers,
                ReconcileObserver.none(), null, 1);
        dispatcher.enqueue(timed);
        waitFor(() -> timers.live().size() == 1 && dispatcher.inFlight() == 0);
        assertEquals(0, dispatcher.queuedKeys(), "a key on a timer is not due");
        dispatcher.enqueue(A);
        waitFor(() -> dispatcher.inFlight() == 1);
        dispatcher.enqueue(B);
        dispatcher.enqueue(new ResourceKey("ns", "c"));
        dispatcher.enqueue(B);
        dispatcher.enqueue(A); // a follow-up of the running pass: not waiting for a worker
        assertEquals(2, dispatcher.queuedKeys(), "B and c wait for the one worker, each once");
        assertEquals(4, dispatcher.trackedKeys());
        release.countDown();
        waitFor(() -> dispatcher.queuedKeys() == 0 && dispatcher.inFlight() == 0);
        dispatcher.pause();
        dispatcher.enqueue(A);
        assertEquals(1, dispatcher.queuedKeys(), "held back until resume");
    }

    @Test
    void keysWokenByPodEventsGoBeforeKeysWaitingForTheirFirstPass() throws Exception {
        ResourceKey c = new ResourceKey("ns", "c");
        ResourceKey running = new ResourceKey("ns", "running");
        OneAtATime one = new OneAtATime();
        one.dispatcher.enqueue(B);
        one.dispatcher.enqueue(c);
        one.dispatcher.enqueueUrgent(running);
        one.dispatcher.enqueueUrgent(A); // A's driver changed while its pass runs: its follow-up is urgent too
        assertEquals(List.of(A, running, A, B, c), one.releaseAndAwait(5));
    }

    @Test
    void aKeyThatJustRanWaitsBehindKeysAlreadyQueued() throws Exception {
        OneAtATime one = new OneAtATime();
        one.dispatcher.enqueue(B);
        one.dispatcher.enqueue(A); // e.g. the event of A's own status write
        assertEquals(List.of(A, B, A), one.releaseAndAwait(3));
    }

    /** A dispatcher with a bound of 1 whose first pass (of A) holds the only place until released. */
    private final class OneAtATime {
        final CountDownLatch release = new CountDownLatch(1);
        final List<ResourceKey> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        final KeyedDispatcher dispatcher;

        OneAtATime() throws InterruptedException {
            CountDownLatch firstStarted = new CountDownLatch(1);
            dispatcher = bounded(1, key -> {
                order.add(key);
                if (order.size() == 1) {
                    firstStarted.countDown();
                    await(release);
                }
            });
            dispatcher.enqueue(A);
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        }

        List<ResourceKey> releaseAndAwait(int passes) throws InterruptedException {
            release.countDown();
            waitFor(() -> order.size() == passes && dispatcher.inFlight() == 0);
            return order;
        }
    }

    private KeyedDispatcher bounded(int bound, java.util.function.Consumer<ResourceKey> body) {
        Reconciler reconciler = key -> {
            runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            body.accept(key);
            return ReconcileResult.done();
        };
        return new KeyedDispatcher("test", reconciler, Backoff.defaults(), timers, ReconcileObserver.none(), null,
                bound);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPassThatOverrunsItsTimeIsInterruptedAndRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        KeyedDispatcher dispatcher = new KeyedDispatcher("test", key -> {
            if (calls.incrementAndGet() == 1) {
                Thread.sleep(Duration.ofMinutes(5)); // a call that hangs
            }
            return ReconcileResult.done();
        }, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3)), timers, ReconcileObserver.none(),
                Duration.ofMinutes(1), Integer.MAX_VALUE);
        dispatcher.enqueue(A);
        waitFor(() -> timers.all().size() == 1);
        ManualScheduler.Timer watchdog = timers.all().get(0);
        assertEquals(Duration.ofMinutes(1), watchdog.delay());
        timers.fire(watchdog);
        waitFor(() -> timers.live().stream().anyMatch(t -> t.delay().equals(Duration.ofMillis(500))));
        ManualScheduler.Timer retry = timers.live().stream().filter(t -> t.delay().equals(Duration.ofMillis(500)))
                .findFirst().orElseThrow();
        timers.fire(retry);
        waitFor(() -> calls.get() == 2 && dispatcher.inFlight() == 0);
        assertTrue(timers.all().stream().filter(t -> t.delay().equals(Duration.ofMinutes(1)))
                .allMatch(ManualScheduler.Timer::isCancelled), "watchdogs of finished passes are cancelled");
    }

    @Test
    void stopWithInterruptEndsBlockedPassesAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        KeyedDispatcher dispatcher = dispatcher(key -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ReconcileResult.done();
        });
        dispatcher.enqueue(A);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(dispatcher.stop(WAIT, true));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        waitFor(condition, WAIT);
    }

    public static void waitFor(java.util.function.BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                // What was everyone doing? Worth more than the bare timeout when a lifecycle stalls.
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    StringBuilder dump = new StringBuilder("\"" + thread.getName() + "\" " + thread.getState() + "\n");
                    for (StackTraceElement frame : stack) {
                        dump.append("    at ").append(frame).append('\n');
                    }
                    System.err.print(dump);
                });
                throw new AssertionError("condition not met within " + patience);
            }
            Thread.sleep(5);
        }
    }
}
