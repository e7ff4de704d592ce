package io.sparkoperator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces one marked section of BENCHMARKS.md (appending it under its heading the first time). */
public final class BenchmarksFile {
    private BenchmarksFile() {
    }

    static Path path() {
        return Path.of(System.getProperty("project.basedir", ".")).resolve("BENCHMARKS.md");
    }

    public static void write(String marker, String heading, String body) throws IOException {
        String start = "<!-- " + marker + ":start -->";
        String end = "<!-- " + marker + ":end -->";
        String section = start + "\n" + body.strip() + "\n" + end;
        Path file = path();
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + section + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n## " + heading + "\n\n" + section + "\n";
        }
        Files.writeString(file, text);
    }
}
