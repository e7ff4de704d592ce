package io.sparkoperator.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SPARK_HOME whose bin/spark-submit is a small bash script (lifecycle tests only, never the integration tier):
 * it records each argument vector (NUL-separated, exactly as received) in {@code calls/}, then runs {@code body}.
 */
final class RecordingSparkHome {
    final Path home;
    final Path calls;

    private RecordingSparkHome(Path home) {
        this.home = home;
        this.calls = home.resolve("calls");
    }

    static RecordingSparkHome create(Path dir, String body) throws IOException {
        RecordingSparkHome h = new RecordingSparkHome(dir);
        Files.createDirectories(h.calls);
        Path script = Files.createDirectories(dir.resolve("bin")).resolve("spark-submit");
        Files.writeString(script, "#!/usr/bin/env bash\n"
                + "printf '%s\\0' \"$@\" > \"$(mktemp '" + h.calls + "/call.XXXXXXXX')\"\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return h;
    }

    /** Every recorded argument vector, in no particular order. */
    List<List<String>> calls() {
        try (Stream<Path> files = Files.list(calls)) {
            return files.map(RecordingSparkHome::argv).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one call recorded since the last {@link #forget()}. */
    List<String> onlyCall() {
        List<List<String>> all = calls();
        if (all.size() != 1) {
            throw new AssertionError("expected one spark-submit run, saw " + all.size());
        }
        return all.get(0);
    }

    void forget() {
        try (Stream<Path> files = Files.list(calls)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> argv(Path file) {
        try {
            String all = Files.readString(file);
            return all.isEmpty() ? List.of() : Arrays.asList(all.substring(0, all.length() - 1).split("\0", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
