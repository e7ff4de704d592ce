package io.sparkoperator.submit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options for the short-lived spark-submit JVMs, passed in {@code SPARK_SUBMIT_OPTS} (the variable Spark's
 * launcher, and our lean {@code bin/spark-submit}, put on the submitting JVM's command line; {@code
 * JAVA_TOOL_OPTIONS} would also hit Spark's launcher JVM and print a banner on stderr). spark-submit is CPU-bound
 * start-up (JIT and about 8,000 classes), so C1 only and a start-up cache cut its CPU time about three-fold.
 *
 * <p>The start-up cache depends on the child's JDK: from JDK 25 an AOT cache (JEP 483/514: classes loaded and
 * linked, plus method profiles; about 20 % less CPU per submit than the archive, see BENCHMARKS.md), trained by one
 * run with {@code -XX:AOTCacheOutput} and then used with {@code -XX:AOTCache}; on JDK 19-24 a dynamic class-data
 * archive ({@code -XX:+AutoCreateSharedArchive}); nothing on older or unknown JDKs.
 *
 * @param tieredStopAtLevel1 {@code -XX:TieredStopAtLevel=1}: C1 only, no C2 compilations the short run never pays back
 * @param classDataArchiveDir where the start-up cache is created and reused; {@code null} for none
 * @param extraOptions appended as given (e.g. {@code -Xmx256m})
 */
public record ChildJvmOptions(boolean tieredStopAtLevel1, Path classDataArchiveDir, List<String> extraOptions) {
    static final String ARCHIVE_FILE = "spark-submit.jsa";
    static final String AOT_CACHE_FILE = "spark-submit.aot";
    static final int MIN_AUTO_ARCHIVE_JDK = 19;
    static final int MIN_AOT_CACHE_JDK = 25;

    /** What a child does with the start-up cache. */
    enum CacheUse {
        /** Maps the existing cache. */
        USE,
        /** Trains it: writes {@link #trainingOutput} on exit, which the runner then renames into place. */
        CREATE,
        /** Runs without (another run is creating it, or there is no usable directory). */
        NONE
    }

    public ChildJvmOptions {
        extraOptions = extraOptions == null ? List.of() : List.copyOf(extraOptions);
    }

    /** The tuned options: C1 only plus a start-up cache in {@code archiveDir}. */
    public static ChildJvmOptions tuned(Path archiveDir) {
        return new ChildJvmOptions(true, archiveDir, List.of());
    }

    /** The JDK's defaults: nothing added (the switch-off). */
    public static ChildJvmOptions jdkDefaults() {
        return new ChildJvmOptions(false, null, List.of());
    }

    /** The start-up cache for a child on a JDK of this feature version (0 when unknown); {@code null} for none. */
    Path cacheFile(int javaFeatureVersion) {
        if (classDataArchiveDir == null || javaFeatureVersion < MIN_AUTO_ARCHIVE_JDK) {
            return null;
        }
        return classDataArchiveDir.resolve(usesAotCache(javaFeatureVersion) ? AOT_CACHE_FILE : ARCHIVE_FILE);
    }

    static boolean usesAotCache(int javaFeatureVersion) {
        return javaFeatureVersion >= MIN_AOT_CACHE_JDK;
    }

    /**
     * Where a training run writes the cache: an AOT cache goes to a side file first, so no other run maps a cache
     * that is still being written; the dynamic archive is written by the JVM itself, which checks it on use.
     */
    static Path trainingOutput(Path cacheFile, int javaFeatureVersion) {
        return usesAotCache(javaFeatureVersion) ? cacheFile.resolveSibling(cacheFile.getFileName() + ".training")
                : cacheFile;
    }

    /** The options for a child that uses an existing cache, on a JDK of this feature version (0 when unknown). */
    public List<String> options(int javaFeatureVersion) {
        return options(javaFeatureVersion, CacheUse.USE);
    }

    List<String> options(int javaFeatureVersion, CacheUse use) {
        List<String> out = new ArrayList<>();
        if (tieredStopAtLevel1) {
            out.add("-XX:TieredStopAtLevel=1");
        }
        Path cache = cacheFile(javaFeatureVersion);
        if (cache != null && use != CacheUse.NONE) {
            if (!usesAotCache(javaFeatureVersion)) {
                out.add("-XX:+AutoCreateSharedArchive");
                out.add("-XX:SharedArchiveFile=" + cache);
            } else if (use == CacheUse.USE) {
                out.add("-XX:AOTCache=" + cache);
            } else {
                out.add("-XX:AOTCacheOutput=" + trainingOutput(cache, javaFeatureVersion));
            }
        }
        out.addAll(extraOptions);
        return out;
    }
}
