package io.sparkoperator.submit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may use the auto-created class-data archive. Once the file exists every run maps it; while it does not, one
 * run at a time creates it (the JVM writes it on exit) and concurrent runs go without, so two JVMs never write the
 * same archive at once.
 */
final class ClassDataArchive {
    enum Lease { USE, CREATE, SKIP }

    private final Path file;
    private final AtomicBoolean creating = new AtomicBoolean();

    ClassDataArchive(Path dir) {
        this.file = dir == null ? null : dir.resolve(ChildJvmOptions.ARCHIVE_FILE);
    }

    Lease acquire() {
        if (file == null) {
            return Lease.SKIP;
        }
        if (Files.isRegularFile(file)) {
            return Lease.USE;
        }
        return creating.compareAndSet(false, true) ? Lease.CREATE : Lease.SKIP;
    }

    void release(Lease lease) {
        if (lease == Lease.CREATE) {
            creating.set(false);
        }
    }
}
