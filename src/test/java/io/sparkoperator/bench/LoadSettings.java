package io.sparkoperator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One operator load run.
 *
 * @param dispatcher {@code virtualN} (the controller's dispatcher with at most N passes at a time), {@code unbounded}
 *        or {@code poolN} (see {@link BenchOperator})
 * @param startAfter how long a driver pod stays Pending
 * @param runFor how long the driver runs before it exits 0
 * @param jvmOptions the operator JVM's options
 * @param bound the longest any phase may take before the run is abandoned
 * @param logDir where the operator's log (and a JFR recording, when asked for) go
 * @param submitter empty for {@link PodOnlySubmission}, else {@code spark-submit <SPARK_HOME> <default|tuned>
 *        <class-data archive dir> <work dir>} for the real one
 */
record LoadSettings(int apps, String dispatcher, Duration startAfter, Duration runFor, List<String> jvmOptions,
        Duration bound, Path logDir, List<String> submitter) {
    /**
     * What the deployment's 1 GiB memory limit gives the JVM by ergonomics: a quarter as heap, and (under 2 GiB)
     * the Serial collector; and the image entrypoint's C1-only JIT.
     */
    static final List<String> DEPLOYED_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The operator JVM options a system property names (comma- or space-separated), else {@link #DEPLOYED_JVM}. */
    static List<String> operatorJvm(String property) {
        String options = System.getProperty(property, "");
        return options.isBlank() ? DEPLOYED_JVM : List.of(options.trim().split("[,\\s]+"));
    }

    /**
     * {@code -Dbench.tls=true}: the lean API server speaks HTTPS with a self-signed certificate, which the operator's
     * client and its spark-submit trust as their CA (a real API server's TLS cost); plain HTTP by default.
     */
    static boolean tls() {
        return Boolean.getBoolean("bench.tls");
    }

    LoadSettings withDispatcher(String value) {
        return new LoadSettings(apps, value, startAfter, runFor, jvmOptions, bound, logDir, submitter);
    }

    LoadSettings withJvmOptions(List<String> value) {
        return new LoadSettings(apps, dispatcher, startAfter, runFor, value, bound, logDir, submitter);
    }

    LoadSettings withApps(int value) {
        return new LoadSettings(value, dispatcher, startAfter, runFor, jvmOptions, bound, logDir, submitter);
    }

    LoadSettings withBound(Duration value) {
        return new LoadSettings(apps, dispatcher, startAfter, runFor, jvmOptions, value, logDir, submitter);
    }

    LoadSettings withSubmitter(List<String> value) {
        return new LoadSettings(apps, dispatcher, startAfter, runFor, jvmOptions, bound, logDir, value);
    }

    String label() {
        return dispatcher + "-" + apps + (submitter.isEmpty() ? "" : "-" + submitter.get(2));
    }
}
