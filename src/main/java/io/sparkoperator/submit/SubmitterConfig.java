package io.sparkoperator.submit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the operator runs spark-submit.
 *
 * @param sparkHome a Spark 4.x installation with {@code bin/spark-submit}
 * @param masterUrl {@code --master}, e.g. {@code k8s://https://10.96.0.1:443} ({@link MasterUrl#inCluster})
 * @param javaHome the JDK the child runs on (set as its {@code JAVA_HOME}); {@code null} inherits the operator's
 *                 environment, and the class-data archive is then used only if {@code JAVA_HOME} names a JDK 19+
 * @param timeout per spark-submit, including the wait for a free slot; the process tree is killed after it
 * @param maxConcurrentSubmits spark-submit processes at a time (each costs one busy core for a few seconds)
 * @param childJvm JVM options for the child ({@link ChildJvmOptions#jdkDefaults()} switches tuning off)
 * @param workDir parent of the per-submission pod template directories
 * @param childEnvironment variables set for the child, e.g. {@code KUBECONFIG}; everything else is inherited
 * @param arguments operator-wide argument settings
 * @param maxStderrChars how much of the child's stderr is kept (the tail)
 */
public record SubmitterConfig(Path sparkHome, String masterUrl, Path javaHome, Duration timeout,
        int maxConcurrentSubmits, ChildJvmOptions childJvm, Path workDir, Map<String, String> childEnvironment,
        ArgumentOptions arguments, int maxStderrChars) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_STDERR_CHARS = 64 * 1024;

    public SubmitterConfig {
        Objects.requireNonNull(masterUrl, "masterUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxConcurrentSubmits < 1) {
            throw new IllegalArgumentException("maxConcurrentSubmits must be at least 1, got " + maxConcurrentSubmits);
        }
        childJvm = childJvm == null ? ChildJvmOptions.jdkDefaults() : childJvm;
        workDir = workDir == null ? defaultWorkDir() : workDir;
        childEnvironment = childEnvironment == null ? Map.of() : Map.copyOf(childEnvironment);
        arguments = arguments == null ? ArgumentOptions.defaults() : arguments;
        maxStderrChars = maxStderrChars <= 0 ? DEFAULT_MAX_STDERR_CHARS : maxStderrChars;
    }

    /**
     * The defaults: 5 minute timeout, one submit per core, tuned child JVMs with their class-data archive under
     * {@code <tmp>/spark-operator/cds}, the child on the operator's own JDK.
     */
    public static SubmitterConfig defaults(Path sparkHome, String masterUrl) {
        return defaults(sparkHome, masterUrl, defaultWorkDir());
    }

    /** {@link #defaults(Path, String)} with the pod templates and the start-up cache under {@code work}. */
    public static SubmitterConfig defaults(Path sparkHome, String masterUrl, Path work) {
        return new SubmitterConfig(sparkHome, masterUrl, Path.of(System.getProperty("java.home")), DEFAULT_TIMEOUT,
                Runtime.getRuntime().availableProcessors(), ChildJvmOptions.tuned(work.resolve("cds")), work,
                Map.of(), ArgumentOptions.defaults(), DEFAULT_MAX_STDERR_CHARS);
    }

    /** {@link #defaults} with {@code SPARK_HOME} and the in-cluster master URL taken from the environment. */
    public static SubmitterConfig fromEnvironment(Map<String, String> env) {
        String home = env.get("SPARK_HOME");
        return defaults(home == null || home.isBlank() ? null : Path.of(home), MasterUrl.inCluster(env));
    }

    public SubmitterConfig withTimeout(Duration value) {
        return new SubmitterConfig(sparkHome, masterUrl, javaHome, value, maxConcurrentSubmits, childJvm, workDir,
                childEnvironment, arguments, maxStderrChars);
    }

    public SubmitterConfig withMaxConcurrentSubmits(int value) {
        return new SubmitterConfig(sparkHome, masterUrl, javaHome, timeout, value, childJvm, workDir,
                childEnvironment, arguments, maxStderrChars);
    }

    public SubmitterConfig withChildJvm(ChildJvmOptions value) {
        return new SubmitterConfig(sparkHome, masterUrl, javaHome, timeout, maxConcurrentSubmits, value, workDir,
                childEnvironment, arguments, maxStderrChars);
    }

    public SubmitterConfig withJavaHome(Path value) {
        return new SubmitterConfig(sparkHome, masterUrl, value, timeout, maxConcurrentSubmits, childJvm, workDir,
                childEnvironment, arguments, maxStderrChars);
    }

    public SubmitterConfig withWorkDir(Path value) {
        return new SubmitterConfig(sparkHome, masterUrl, javaHome, timeout, maxConcurrentSubmits, childJvm, value,
                childEnvironment, arguments, maxStderrChars);
    }

    public SubmitterConfig withArguments(ArgumentOptions value) {
        return new SubmitterConfig(sparkHome, masterUrl, javaHome, timeout, maxConcurrentSubmits, childJvm, workDir,
                childEnvironment, value, maxStderrChars);
    }

    /** Adds (or replaces) one variable of the child's environment. */
    public SubmitterConfig withChildEnv(String name, String value) {
        Map<String, String> env = new HashMap<>(childEnvironment);
        env.put(name, value);
        return new SubmitterConfig(sparkHome, masterUrl, javaHome, timeout, maxConcurrentSubmits, childJvm, workDir,
                env, arguments, maxStderrChars);
    }

    /** The kubeconfig spark-submit reads (in a pod, leave unset: it uses the service account). */
    public SubmitterConfig withKubeconfig(Path kubeconfig) {
        return withChildEnv("KUBECONFIG", kubeconfig.toString());
    }

    /** The JDK a child runs on: the child environment's {@code JAVA_HOME}, else {@link #javaHome}, else ours. */
    String childJavaHome() {
        return childEnvironment.getOrDefault("JAVA_HOME",
                javaHome != null ? javaHome.toString() : System.getenv("JAVA_HOME"));
    }

    /** Sets {@code SPARK_HOME} and (when given) {@code JAVA_HOME} in a child's environment. */
    void putHomes(Map<String, String> env) {
        env.put("SPARK_HOME", sparkHome.toString());
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
    }

    /** {@code <java.io.tmpdir>/spark-operator}: in the image {@code /tmp} is an emptyDir, so it is the pod's own. */
    public static Path defaultWorkDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "spark-operator");
    }
}
