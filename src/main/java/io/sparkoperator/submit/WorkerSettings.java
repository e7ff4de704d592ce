package io.sparkoperator.submit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The submission workers ({@code --submission-mode}, {@code --submission-worker-*}).
 *
 * @param mode           warm (workers, the default) or cold (a spark-submit JVM per submission)
 * @param maxSubmissions a worker is replaced after this many submissions
 * @param maxHeapMiB     ... or when its heap in use after collection passes this many MiB
 * @param jvmOptions     the worker JVM's memory options (the child JVM's tuning options come on top)
 * @param startTimeout   how long a new worker may take to say it is ready
 * @param workerJar      the worker's jar; {@code null}: {@code $SPARK_HOME/operator/spark-submit-worker.jar}
 */
public record WorkerSettings(SubmissionMode mode, int maxSubmissions, int maxHeapMiB, List<String> jvmOptions,
        Duration startTimeout, Path workerJar) {
    public static final int DEFAULT_MAX_SUBMISSIONS = 500;
    public static final int DEFAULT_MAX_HEAP_MIB = 120;
    /**
     * Sized from measurements (BENCHMARKS.md): a submission needs well under 80 MiB of heap; Serial GC keeps the
     * resident set small and gives memory back; exit on OOM so a worker never limps on.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx160m", "-XX:MaxMetaspaceSize=192m",
            "-XX:+UseSerialGC", "-Xss1m", "-XX:+ExitOnOutOfMemoryError");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** Where the image and {@code make spark-home} put the worker, relative to SPARK_HOME. */
    public static final Path JAR_IN_SPARK_HOME = Path.of("operator", "spark-submit-worker.jar");

    public WorkerSettings {
        if (maxSubmissions < 1) {
            throw new IllegalArgumentException("maxSubmissions must be at least 1, got " + maxSubmissions);
        }
        if (maxHeapMiB < 1) {
            throw new IllegalArgumentException("maxHeapMiB must be at least 1, got " + maxHeapMiB);
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Warm, with the defaults. */
    public static WorkerSettings defaults() {
        return new WorkerSettings(SubmissionMode.WARM, DEFAULT_MAX_SUBMISSIONS, DEFAULT_MAX_HEAP_MIB,
                DEFAULT_JVM_OPTIONS, DEFAULT_START_TIMEOUT, null);
    }

    /** A new spark-submit JVM per submission. */
    public static WorkerSettings cold() {
        return defaults().withMode(SubmissionMode.COLD);
    }

    public WorkerSettings withMode(SubmissionMode value) {
        return new WorkerSettings(value, maxSubmissions, maxHeapMiB, jvmOptions, startTimeout, workerJar);
    }

    public WorkerSettings withLimits(int submissions, int heapMiB) {
        return new WorkerSettings(mode, submissions, heapMiB, jvmOptions, startTimeout, workerJar);
    }

    public WorkerSettings withJvmOptions(List<String> value) {
        return new WorkerSettings(mode, maxSubmissions, maxHeapMiB, value, startTimeout, workerJar);
    }

    public WorkerSettings withWorkerJar(Path value) {
        return new WorkerSettings(mode, maxSubmissions, maxHeapMiB, jvmOptions, startTimeout, value);
    }

    Path jar(Path sparkHome) {
        return workerJar != null ? workerJar : sparkHome.resolve(JAR_IN_SPARK_HOME);
    }
}
