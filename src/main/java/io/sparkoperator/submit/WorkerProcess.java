package io.sparkoperator.submit;

import io.sparkoperator.api.DurationText;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One submission worker JVM, seen from the operator: started with {@link ProcessBuilder} on the child's JDK with
 * the child's tuning and the worker's memory options, it takes one submission at a time (the {@link WorkerPool}
 * makes sure) and answers with what spark-submit would have exited with and printed.
 */
final class WorkerProcess {
    private static final System.Logger LOG = System.getLogger(WorkerProcess.class.getName());
    static final String MAIN_CLASS = "io.sparkoperator.worker.SubmissionWorker";
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final int STDERR_TAIL_CHARS = 8 * 1024;

    /** How one submission in a worker ended. */
    sealed interface Outcome {
        /** The worker answered: the run as spark-submit would have ended. */
        record Answered(ProcessRun.Exited run) implements Outcome {
        }

        /** Over the timeout or interrupted: the worker was killed (and with it only this submission). */
        record Killed(ProcessRun.Killed run) implements Outcome {
        }

        /** The worker died before it answered (crashed, killed from outside, out of memory). */
        record Died(String why) implements Outcome {
        }
    }

    /** The worker did not start or did not say it was ready in time. */
    static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }

    private final Process process;
    private final BufferedWriter stdin;
    private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    private final OutputTail stderr = new OutputTail(STDERR_TAIL_CHARS);
    private final OutputTail strayStdout = new OutputTail(STDERR_TAIL_CHARS);
    private int submissions;
    private volatile long heapLiveBytes;
    private volatile long cpuNanos;

    /** Put on the reply queue when stdout ends. */
    private static final Object END = new Object();

    private WorkerProcess(Process process) {
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("submission-worker-stdout-" + process.pid()).start(this::readStdout);
        Thread.ofVirtual().name("submission-worker-stderr-" + process.pid()).start(this::readStderr);
    }

    /** The command line of a worker: the child's JDK and options, Spark's jars and the worker's jar. */
    static List<String> command(SubmitterConfig config, WorkerSettings settings, int childJavaFeature) {
        Path sparkHome = config.sparkHome();
        String javaHome = config.childJavaHome();
        List<String> command = new ArrayList<>();
        command.add(javaHome == null ? "java" : Path.of(javaHome, "bin", "java").toString());
        // The tuning of the cold child, without its start-up cache: a worker starts once per hundreds of submissions.
        command.addAll(config.childJvm().options(childJavaFeature, ChildJvmOptions.CacheUse.NONE));
        String userOptions = System.getenv().getOrDefault("SPARK_SUBMIT_OPTS", "").strip();
        if (!userOptions.isEmpty()) {
            command.addAll(List.of(userOptions.split("\\s+")));
        }
        command.addAll(settings.jvmOptions());
        if (childJavaFeature >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED"); // Hadoop loads its native library: no warning each start
        }
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*" + File.pathSeparator + settings.jar(sparkHome));
        command.add(MAIN_CLASS);
        command.add(kubernetesJars(sparkHome));
        return command;
    }

    /** Spark's Kubernetes module, which the worker loads part of afresh for each submission. */
    private static String kubernetesJars(Path sparkHome) {
        try (var jars = Files.list(sparkHome.resolve("jars"))) {
            List<String> found = jars.map(Path::toString)
                    .filter(name -> Path.of(name).getFileName().toString().startsWith("spark-kubernetes_"))
                    .sorted().toList();
            return String.join(File.pathSeparator, found);
        } catch (IOException e) {
            return "";
        }
    }

    /** Starts a worker and waits until it says it is ready. */
    static WorkerProcess start(SubmitterConfig config, WorkerSettings settings, int childJavaFeature)
            throws StartFailure {
        Path jar = settings.jar(config.sparkHome());
        if (!Files.isReadable(jar)) {
            throw new StartFailure("no submission worker at " + jar + " (make spark-home and the image put it there)");
        }
        List<String> command = command(config, settings, childJavaFeature);
        if (command.get(command.size() - 1).isEmpty()) {
            throw new StartFailure("no spark-kubernetes jar in " + config.sparkHome().resolve("jars"));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        config.putHomes(pb.environment());
        pb.environment().putAll(config.childEnvironment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new StartFailure("could not start " + command.get(0) + ": " + e.getMessage());
        }
        WorkerProcess worker = new WorkerProcess(process);
        Object first;
        try {
            first = worker.replies.poll(settings.startTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            worker.kill();
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while the submission worker started");
        }
        if (first instanceof WorkerProtocol.Reply.Ready) {
            LOG.log(System.Logger.Level.DEBUG, () -> "submission worker pid " + process.pid() + " ready");
            return worker;
        }
        worker.kill();
        String said = worker.lastWords();
        throw new StartFailure(first == null
                ? "the submission worker did not start within " + DurationText.of(settings.startTimeout()) + said
                : "the submission worker exited at start with code " + worker.exitCode() + said);
    }

    /**
     * A submission that fails at its first API call (nothing listens on port 1), so that a new worker has loaded
     * and compiled most of the submission path before its first real one (which would otherwise take seconds).
     */
    static final List<String> WARM_UP = List.of("--master", "k8s://http://127.0.0.1:1", "--deploy-mode", "cluster",
            "--name", "warm-up", "--class", "org.apache.spark.examples.SparkPi",
            "--conf", "spark.kubernetes.container.image=none",
            "--conf", "spark.kubernetes.submission.waitAppCompletion=false",
            "local:///opt/spark/examples/jars/spark-examples.jar");
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    /** Runs {@link #WARM_UP}; false when the worker did not live through it. Not counted as a submission. */
    boolean warmUp() {
        Outcome outcome = submit(WARM_UP, WARM_UP_TIMEOUT);
        if (outcome instanceof Outcome.Answered) {
            submissions--;
            return true;
        }
        return false;
    }

    /** Runs one submission; blocks at most {@code timeout}. One at a time per worker. */
    Outcome submit(List<String> args, Duration timeout) {
        long start = System.nanoTime();
        try {
            stdin.write(WorkerProtocol.request(args));
            stdin.newLine();
            stdin.flush();
        } catch (IOException e) {
            return died();
        }
        Object reply;
        try {
            reply = replies.poll(Math.max(timeout.toNanos(), 1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return new Outcome.Killed(new ProcessRun.Killed(timeout, "interrupted; the submission worker running"
                    + " this spark-submit (pid " + pid() + ") was killed"));
        }
        if (reply == null) {
            kill();
            return new Outcome.Killed(new ProcessRun.Killed(timeout, "spark-submit did not finish within "
                    + DurationText.of(timeout) + " and was killed, with the submission worker (pid " + pid()
                    + ") that ran it"));
        }
        if (reply instanceof WorkerProtocol.Reply.Done done) {
            submissions++;
            heapLiveBytes = done.heapLiveBytes();
            cpuNanos = done.cpuNanos();
            return new Outcome.Answered(new ProcessRun.Exited(done.exitCode(), done.output(), List.of(),
                    Duration.ofNanos(System.nanoTime() - start)));
        }
        return died();
    }

    private Outcome died() {
        try {
            process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return new Outcome.Died("the submission worker (pid " + pid() + ") exited with code " + exitCode()
                + " before it answered" + lastWords());
    }

    private String lastWords() {
        List<String> lines = new ArrayList<>(strayStdout.lines());
        lines.addAll(stderr.lines());
        List<String> errors = StderrDigest.errorLines(lines);
        return errors.isEmpty() ? "" : "; last output: " + errors.get(errors.size() - 1);
    }

    private void readStdout() {
        eachLine(process.getInputStream(), line -> WorkerProtocol.parse(line).ifPresentOrElse(replies::add, () -> {
            strayStdout.add(line);
            logged(line);
        }));
        replies.add(END); // the worker is gone
    }

    private void readStderr() {
        eachLine(process.getErrorStream(), line -> {
            stderr.add(line);
            logged(line);
        });
    }

    private void logged(String line) {
        LOG.log(System.Logger.Level.DEBUG, () -> "submission worker pid " + process.pid() + ": " + line);
    }

    /** Reads lines until the stream ends (the worker exited or was killed). */
    private static void eachLine(InputStream stream, Consumer<String> onLine) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Submissions this worker has answered. */
    int submissions() {
        return submissions;
    }

    long heapLiveBytes() {
        return heapLiveBytes;
    }

    /** The worker's CPU time as of its last answer, -1 when unknown. */
    long cpuNanos() {
        return cpuNanos;
    }

    private String exitCode() {
        return process.isAlive() ? "(still running)" : String.valueOf(process.exitValue());
    }

    /** Ends the worker: closing stdin asks it to exit; killed when it does not within a grace. */
    void stop() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the worker and anything it started, and waits (boundedly) for it to be gone. */
    void kill() {
        ProcessTrees.kill(process, EXIT_GRACE, "submission worker");
    }
}
