package io.sparkoperator.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording of the operator: the share of samples in
 * which each method is on the stack (inclusive), for the operator's own methods and the libraries' entry points,
 * and the busiest leaf methods. What {@code jfr print --events jdk.ExecutionSample} shows, counted.
 */
final class JfrProfile {
    private JfrProfile() {
    }

    /** {@code java -cp target/test-classes io.sparkoperator.bench.JfrProfile <recording.jfr> [rows]}. */
    public static void main(String[] args) throws IOException {
        System.out.println(summary(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 30));
    }

    static String summary(Path recording, int rows) throws IOException {
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> leaf = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            leaf.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith("io.sparkoperator.") && seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        int total = Math.max(1, samples);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d CPU samples of Java code.%n%n"
                + "| operator method (inclusive) | share of samples |%n|---|---|%n", samples));
        top(inclusive, rows).forEach(e -> out.append(String.format(Locale.ROOT, "| `%s` | %.0f %% |%n", e.getKey(),
                100.0 * e.getValue() / total)));
        out.append("\n| leaf method (self) | share of samples |\n|---|---|\n");
        top(leaf, rows / 2).forEach(e -> out.append(String.format(Locale.ROOT, "| `%s` | %.0f %% |%n", e.getKey(),
                100.0 * e.getValue() / total)));
        return out.toString();
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int rows) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows).toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
