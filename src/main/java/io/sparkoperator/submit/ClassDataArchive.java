package io.sparkoperator.submit;

import io.sparkoperator.submit.ChildJvmOptions.CacheUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may use the start-up cache (class-data archive or AOT cache, see {@link ChildJvmOptions}). Once the file exists
 * every run maps it; while it does not, one run at a time trains it (the JVM writes it on exit) and concurrent runs
 * go without, so two JVMs never write the same cache at once. A trained AOT cache is moved into place only after its
 * JVM exited.
 */
final class ClassDataArchive {
    private static final System.Logger LOG = System.getLogger(ClassDataArchive.class.getName());

    private final AtomicBoolean training = new AtomicBoolean();

    /** @param cacheFile the cache for this run's JDK, {@code null} for none */
    CacheUse acquire(Path cacheFile) {
        if (cacheFile == null) {
            return CacheUse.NONE;
        }
        if (Files.isRegularFile(cacheFile)) {
            return CacheUse.USE;
        }
        return training.compareAndSet(false, true) ? CacheUse.CREATE : CacheUse.NONE;
    }

    /**
     * After the child ended: a training run's output becomes the cache if the JVM exited by itself (a JVM killed
     * mid-write leaves a partial file, which is deleted), and others may train.
     */
    void release(CacheUse use, Path cacheFile, int javaFeatureVersion, boolean exitedByItself) {
        if (use != CacheUse.CREATE) {
            return;
        }
        try {
            Path output = ChildJvmOptions.trainingOutput(cacheFile, javaFeatureVersion);
            if (!output.equals(cacheFile) && Files.isRegularFile(output)) {
                if (exitedByItself) {
                    Files.move(output, cacheFile, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(output);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "spark-submit start-up cache " + cacheFile
                    + " not kept, the next run trains again: " + e);
        } finally {
            training.set(false);
        }
    }
}
