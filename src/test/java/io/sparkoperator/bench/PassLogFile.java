package io.sparkoperator.bench;

import io.sparkoperator.runtime.Reconciler;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Every admitted reconciliation of one operator process, for the benchmark's check that no two replicas ever
 * reconcile an app at once: a line {@code S <nanoTime> <namespace/name>} when a pass starts and {@code E ...} when it
 * ends. Each line is written straight to the file (no buffer in this JVM), so a replica killed with SIGKILL leaves
 * every pass it started on disk; a pass with no end line ran until the kill. {@link System#nanoTime()} is the
 * system-wide monotonic clock on Linux, so lines of different processes compare.
 */
final class PassLogFile implements AutoCloseable {
    private final FileOutputStream out;

    private PassLogFile(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile());
    }

    /** Null when {@code -Dbench.passlog} is not set. */
    static PassLogFile fromSystemProperties() throws IOException {
        String file = System.getProperty("bench.passlog");
        return file == null ? null : new PassLogFile(Path.of(file));
    }

    Reconciler recording(Reconciler inner) {
        return key -> {
            write("S " + System.nanoTime() + " " + key.namespace() + "/" + key.name() + "\n");
            try {
                return inner.reconcile(key);
            } finally {
                write("E " + System.nanoTime() + " " + key.namespace() + "/" + key.name() + "\n");
            }
        };
    }

    private synchronized void write(String line) {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
