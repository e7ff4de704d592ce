package io.sparkoperator.submit;

import io.sparkoperator.api.DurationText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code $SPARK_HOME/bin/spark-submit} as a child process: an argv list (never a shell), the tails of stderr
 * (and, smaller, stdout) kept within a bound, a timeout after which the whole process tree is killed, and at most
 * {@code maxConcurrentSubmits} children at a time. Closing kills every child still running.
 */
final class SparkSubmitRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SparkSubmitRunner.class.getName());
    private static final Duration READER_GRACE = Duration.ofSeconds(5);
    private static final int STDOUT_TAIL_CHARS = 8 * 1024;

    private final SubmitterConfig config;
    private final Path script;
    private final SubmitSlots slots;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final ClassDataArchive archive;
    /** The child JDK's feature version (0 when unknown): fixed for the runner's life, so read once. */
    private final int childJavaFeature;
    private volatile boolean closed;

    /** Fails at once, with what to set, when SPARK_HOME has no {@code bin/spark-submit}. */
    SparkSubmitRunner(SubmitterConfig config) {
        this.config = config;
        this.script = SparkHome.submitScript(config.sparkHome());
        this.slots = new SubmitSlots(config.maxConcurrentSubmits());
        this.archive = new ClassDataArchive();
        String javaHome = config.childJavaHome();
        this.childJavaFeature = JavaRuntime.featureVersion(javaHome == null ? null : Path.of(javaHome));
    }

    /** Runs spark-submit with these arguments; blocks the calling (virtual) thread at most the timeout (+ a grace). */
    ProcessRun run(List<String> args) {
        return run(args, SecretValues.none());
    }

    /** As {@link #run(List)}; {@code secrets} are masked in the logged command line. */
    ProcessRun run(List<String> args, SecretValues secrets) {
        return run(args, secrets, config.timeout());
    }

    /** As {@link #run(List, SecretValues)}, within {@code timeout} (what is left of a submission's time). */
    ProcessRun run(List<String> args, SecretValues secrets, Duration timeout) {
        if (closed) {
            return new ProcessRun.Killed(timeout, "the submitter is shut down");
        }
        return slots.run(timeout, (start, within) -> runHoldingSlot(args, secrets, start, within));
    }

    private ProcessRun runHoldingSlot(List<String> args, SecretValues secrets, long start, Duration timeout) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(script.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        config.putHomes(env);
        Path cache = archiveDirUsable() ? config.childJvm().cacheFile(childJavaFeature) : null;
        ChildJvmOptions.CacheUse use = archive.acquire(cache);
        ProcessRun run = null;
        try {
            String opts = (env.getOrDefault("SPARK_SUBMIT_OPTS", "").strip() + " "
                    + String.join(" ", config.childJvm().options(childJavaFeature, use))).strip();
            if (!opts.isEmpty()) {
                env.put("SPARK_SUBMIT_OPTS", opts);
            }
            env.putAll(config.childEnvironment());
            run = launch(pb, args, secrets, start, timeout);
            ProcessRun ended = run;
            LOG.log(System.Logger.Level.DEBUG, () -> "spark-submit " + outcome(ended));
            return run;
        } finally {
            // A JVM killed by a signal or at the timeout may have left a half-written cache: never keep that one.
            boolean exitedByItself = run instanceof ProcessRun.Exited exited && exited.exitCode() >= 0
                    && exited.exitCode() < 128;
            archive.release(use, cache, childJavaFeature, exitedByItself);
        }
    }

    private static String outcome(ProcessRun run) {
        return switch (run) {
            case ProcessRun.Exited exited -> "exited " + exited.exitCode() + " after "
                    + DurationText.of(Duration.ofMillis(exited.took().toMillis()));
            case ProcessRun.Killed killed -> "killed: " + killed.reason();
        };
    }

    private ProcessRun launch(ProcessBuilder pb, List<String> args, SecretValues secrets, long start,
            Duration timeout) {
        LOG.log(System.Logger.Level.DEBUG, () -> "spark-submit " + SecretRedaction.commandLine(args, secrets));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ProcessRun.Exited(-1, List.of("could not start " + script + ": " + e.getMessage()), List.of(),
                    elapsed(start));
        }
        running.add(p);
        if (closed) {
            killTree(p); // close() ran between start() and add(): it cannot have seen this child
        }
        OutputTail tail = new OutputTail(config.maxStderrChars());
        OutputTail out = new OutputTail(STDOUT_TAIL_CHARS);
        Thread reader = Thread.ofVirtual().name("spark-submit-stderr-" + p.pid())
                .start(() -> drain(p.getErrorStream(), tail));
        Thread outReader = Thread.ofVirtual().name("spark-submit-stdout-" + p.pid())
                .start(() -> drain(p.getInputStream(), out));
        try {
            Duration left = timeout.minus(elapsed(start));
            if (!p.waitFor(Math.max(left.toNanos(), 1), TimeUnit.NANOSECONDS)) {
                killTree(p);
                reader.join(READER_GRACE);
                outReader.join(READER_GRACE);
                return new ProcessRun.Killed(timeout, "spark-submit did not finish within " + DurationText.of(timeout)
                        + " and was killed" + lastLine(tail));
            }
            reader.join(READER_GRACE);
            outReader.join(READER_GRACE);
            return new ProcessRun.Exited(p.exitValue(), tail.lines(), out.lines(), elapsed(start));
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            return new ProcessRun.Killed(timeout, "interrupted; spark-submit was killed");
        } finally {
            running.remove(p);
        }
    }

    /** Creates the start-up cache directory (owner-only) on first use; without a usable one there is no cache. */
    private boolean archiveDirUsable() {
        Path dir = config.childJvm().classDataArchiveDir();
        if (dir == null) {
            return false;
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return Files.isWritable(dir);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "start-up cache dir " + dir + " unusable, running without: " + e);
            return false;
        }
    }

    private static void drain(InputStream stream, OutputTail tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                tail.add(line);
            }
        } catch (IOException e) {
            tail.add("(output unreadable: " + e.getMessage() + ")");
        }
    }

    private static void killTree(Process p) {
        ProcessTrees.kill(p, READER_GRACE, "spark-submit");
    }

    private static String lastLine(OutputTail tail) {
        List<String> errors = StderrDigest.errorLines(tail.lines());
        return errors.isEmpty() ? "" : "; last output: " + errors.get(errors.size() - 1);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The child JDK's feature version, 0 when unknown. */
    int childJavaFeature() {
        return childJavaFeature;
    }

    /** How many spark-submit processes are running now. */
    int runningCount() {
        return running.size();
    }

    /** Kills every child still running (operator shutdown, test teardown). */
    @Override
    public void close() {
        closed = true;
        running.forEach(SparkSubmitRunner::killTree);
    }
}
