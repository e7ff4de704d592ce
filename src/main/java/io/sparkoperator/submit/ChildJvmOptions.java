package io.sparkoperator.submit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options for the short-lived spark-submit JVMs, passed in {@code SPARK_SUBMIT_OPTS} (the variable Spark's
 * launcher, and our lean {@code bin/spark-submit}, put on the submitting JVM's command line; {@code
 * JAVA_TOOL_OPTIONS} would also hit Spark's launcher JVM and print a banner on stderr). spark-submit is CPU-bound
 * start-up (JIT and about 8,000 classes), so C1 only and a class-data archive cut its CPU time about three-fold.
 *
 * @param tieredStopAtLevel1 {@code -XX:TieredStopAtLevel=1}: C1 only, no C2 compilations the short run never pays back
 * @param classDataArchiveDir where {@code spark-submit.jsa} is auto-created and reused ({@code -XX:+AutoCreateSharedArchive},
 *                            JDK 19+; skipped for older or unknown JDKs); {@code null} for no archive
 * @param extraOptions appended as given (e.g. {@code -Xmx256m})
 */
public record ChildJvmOptions(boolean tieredStopAtLevel1, Path classDataArchiveDir, List<String> extraOptions) {
    static final String ARCHIVE_FILE = "spark-submit.jsa";
    static final int MIN_AUTO_ARCHIVE_JDK = 19;

    public ChildJvmOptions {
        extraOptions = extraOptions == null ? List.of() : List.copyOf(extraOptions);
    }

    /** The tuned options: C1 only plus an archive in {@code archiveDir}. */
    public static ChildJvmOptions tuned(Path archiveDir) {
        return new ChildJvmOptions(true, archiveDir, List.of());
    }

    /** The JDK's defaults: nothing added (the switch-off). */
    public static ChildJvmOptions jdkDefaults() {
        return new ChildJvmOptions(false, null, List.of());
    }

    /** The options for a child running on a JDK of this feature version (0 when unknown). */
    public List<String> options(int javaFeatureVersion) {
        List<String> out = new ArrayList<>();
        if (tieredStopAtLevel1) {
            out.add("-XX:TieredStopAtLevel=1");
        }
        if (classDataArchiveDir != null && javaFeatureVersion >= MIN_AUTO_ARCHIVE_JDK) {
            out.add("-XX:+AutoCreateSharedArchive");
            out.add("-XX:SharedArchiveFile=" + classDataArchiveDir.resolve(ARCHIVE_FILE));
        }
        out.addAll(extraOptions);
        return out;
    }
}
