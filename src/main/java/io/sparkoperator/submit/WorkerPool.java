package io.sparkoperator.submit;

import io.sparkoperator.api.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The warm path: submissions run in long-lived {@link WorkerProcess}es, at most {@code maxConcurrentSubmits}
 * at a time (so at most that many workers), each worker one submission at a time.
 *
 * <ul>
 *   <li>A worker that dies mid-submission is replaced and the submission is run again on the new one, with the
 *       same arguments and so the same submission ID and driver pod name: a driver the dead worker created is
 *       reported "already exists" and adopted, else it is created now (what a restarted operator does after a
 *       spark-submit it lost).</li>
 *   <li>A submission over its timeout kills its worker, and only that submission with it.</li>
 *   <li>A worker is replaced after {@link WorkerSettings#maxSubmissions()} submissions, or when its heap in use
 *       after collection passes {@link WorkerSettings#maxHeapMiB()}.</li>
 *   <li>A worker that cannot start sends the submission down the cold path (a new spark-submit JVM) with a
 *       warning, and so does every submission for {@link #RETRY_START_AFTER}; then a start is tried again.</li>
 *   <li>One worker is started ahead, at the start and whenever one retires, and warmed up with a submission that
 *       fails at once ({@link WorkerProcess#WARM_UP}): its first real submission then costs what the others do,
 *       not the seconds of a cold JVM. It takes a slot while it starts, so the worker count stays bounded.</li>
 * </ul>
 */
final class WorkerPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    static final Duration RETRY_START_AFTER = Duration.ofMinutes(5);

    private final SubmitterConfig config;
    private final WorkerSettings settings;
    private final int childJavaFeature;
    private final SparkSubmitRunner cold;
    private final LongSupplier nanoClock;
    private final SubmitSlots slots;
    private final ConcurrentLinkedDeque<WorkerProcess> idle = new ConcurrentLinkedDeque<>();
    private final Set<WorkerProcess> busy = ConcurrentHashMap.newKeySet();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile long coldUntilNanos;
    private volatile boolean coldSpell;
    private volatile boolean closed;

    WorkerPool(SubmitterConfig config, WorkerSettings settings, int childJavaFeature, SparkSubmitRunner cold,
            LongSupplier nanoClock) {
        this.config = config;
        this.settings = settings;
        this.childJavaFeature = childJavaFeature;
        this.cold = cold;
        this.nanoClock = nanoClock;
        this.slots = new SubmitSlots(config.maxConcurrentSubmits());
    }

    /** Starts a warmed-up worker in the background, when a slot comes free (the start, or a worker retired). */
    void startAhead() {
        Thread.ofVirtual().name("submission-worker-ahead").start(() -> {
            try {
                if (!slots.acquire(config.timeout())) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                // a submission that took the slot first may have started (and given back) a worker itself:
                // one idle worker is the point of starting ahead, a second would only cost memory
                if (closed || coolingDown() || idle.stream().anyMatch(WorkerProcess::alive)) {
                    return;
                }
                WorkerProcess worker = startWorker();
                busy.add(worker);
                boolean warm = worker.warmUp();
                busy.remove(worker);
                if (warm && !closed) {
                    idle.addLast(worker);
                } else {
                    worker.kill();
                }
            } catch (WorkerProcess.StartFailure e) {
                goCold(e.getMessage());
            } finally {
                slots.release();
            }
        });
    }

    /** Runs one submission, in a worker when one is or can be started, else cold. */
    ProcessRun run(List<String> args, SecretValues secrets) {
        Duration timeout = config.timeout();
        if (closed) {
            return new ProcessRun.Killed(timeout, "the submitter is shut down");
        }
        return slots.run(timeout, (start, within) -> runHoldingSlot(args, secrets, start, within));
    }

    private ProcessRun runHoldingSlot(List<String> args, SecretValues secrets, long start, Duration timeout) {
        String died = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            WorkerProcess worker = takeIdle();
            if (worker == null) {
                if (coolingDown()) {
                    fallbacks.incrementAndGet(); // a start failed lately: not again for every submission
                    return cold.run(args, secrets, remaining(start, timeout));
                }
                try {
                    worker = startWorker();
                } catch (WorkerProcess.StartFailure e) {
                    return fallBack(e.getMessage(), args, secrets, remaining(start, timeout));
                }
            }
            busy.add(worker);
            if (closed) {
                worker.kill(); // close() ran after this worker was taken: it cannot have seen it
            }
            WorkerProcess.Outcome outcome;
            try {
                outcome = worker.submit(args, remaining(start, timeout));
            } finally {
                busy.remove(worker);
            }
            switch (outcome) {
                case WorkerProcess.Outcome.Answered answered -> {
                    giveBack(worker);
                    ProcessRun.Exited run = answered.run();
                    // Kept as the cold path keeps a child's stderr: the same tail, long lines cut the same way.
                    return new ProcessRun.Exited(run.exitCode(), OutputTail.of(run.stderr(), config.maxStderrChars()),
                            run.stdout(), run.took());
                }
                case WorkerProcess.Outcome.Killed killed -> {
                    return killed.run();
                }
                case WorkerProcess.Outcome.Died dead -> {
                    died = dead.why();
                    if (closed) {
                        return new ProcessRun.Killed(timeout, "the submitter is shut down");
                    }
                    String why = died;
                    LOG.log(System.Logger.Level.WARNING, () -> why + "; running the submission again in a new"
                            + " worker (a driver pod it created will be adopted)");
                }
            }
        }
        return new ProcessRun.Exited(-1, List.of("the submission worker died twice running this submission: "
                + died), List.of(), Duration.ofNanos(System.nanoTime() - start));
    }

    private WorkerProcess startWorker() throws WorkerProcess.StartFailure {
        WorkerProcess worker = WorkerProcess.start(config, settings, childJavaFeature);
        started.incrementAndGet();
        if (coldSpell) {
            coldSpell = false;
            LOG.log(System.Logger.Level.INFO, "a submission worker started again: submitting warm");
        }
        return worker;
    }

    /** A start failed less than {@link #RETRY_START_AFTER} ago. */
    private boolean coolingDown() {
        return nanoClock.getAsLong() - coldUntilNanos < 0;
    }

    private ProcessRun fallBack(String why, List<String> args, SecretValues secrets, Duration left) {
        fallbacks.incrementAndGet();
        goCold(why);
        return cold.run(args, secrets, left);
    }

    /** No worker starts: submissions go cold for a while, said once. */
    private void goCold(String why) {
        coldUntilNanos = nanoClock.getAsLong() + RETRY_START_AFTER.toNanos();
        coldSpell = true;
        LOG.log(System.Logger.Level.WARNING, () -> "submission worker unavailable (" + why + "): submitting with a"
                + " new spark-submit JVM each time for the next " + DurationText.of(RETRY_START_AFTER));
    }

    private WorkerProcess takeIdle() {
        WorkerProcess worker;
        while ((worker = idle.pollFirst()) != null) {
            if (worker.alive()) {
                return worker;
            }
            worker.kill();
        }
        return null;
    }

    /** Back to the idle ones, or replaced when it has done enough or grown too big. */
    private void giveBack(WorkerProcess worker) {
        long heapMiB = worker.heapLiveBytes() >> 20;
        if (worker.submissions() >= settings.maxSubmissions() || heapMiB > settings.maxHeapMiB()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "submission worker pid " + worker.pid() + " retired after "
                    + worker.submissions() + " submissions, heap in use " + heapMiB + " MiB");
            Thread.ofVirtual().name("submission-worker-stop-" + worker.pid()).start(worker::stop);
            startAhead();
            return;
        }
        idle.addFirst(worker); // most recently used first: the others may retire idle
        if (closed && idle.remove(worker)) {
            worker.kill();
        }
    }

    private static Duration remaining(long startNanos, Duration timeout) {
        Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - startNanos));
        return left.isNegative() ? Duration.ofNanos(1) : left;
    }

    long startedTotal() {
        return started.get();
    }

    /** Submissions that went down the cold path because no worker could start. */
    long fallbacksTotal() {
        return fallbacks.get();
    }

    /** The process IDs of the workers alive now, idle or submitting. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        idle.stream().filter(WorkerProcess::alive).forEach(worker -> pids.add(worker.pid()));
        busy.forEach(worker -> pids.add(worker.pid()));
        return pids;
    }

    /** Kills every worker (operator shutdown): running submissions end as killed. */
    @Override
    public void close() {
        closed = true;
        WorkerProcess worker;
        while ((worker = idle.pollFirst()) != null) {
            worker.kill();
        }
        busy.forEach(WorkerProcess::kill);
    }
}
