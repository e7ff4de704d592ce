package io.sparkoperator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The machine a benchmark ran on, for the heading of its BENCHMARKS.md section. */
final class MachineInfo {
    private MachineInfo() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %s memory; %s; JDK %s (%s); run %s UTC",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), os(), Runtime.version(),
                System.getProperty("java.vendor"), Instant.now().truncatedTo(ChronoUnit.MINUTES));
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The busiest processes right now (the machine is shared): {@code ps} output, a few lines. */
    static String busiestProcesses() {
        try {
            Process ps = new ProcessBuilder("ps", "-eo", "pcpu,etime,args", "--sort=-pcpu").redirectErrorStream(true)
                    .start();
            List<String> lines = new String(ps.getInputStream().readAllBytes()).lines().skip(1).limit(6)
                    .map(l -> l.length() > 110 ? l.substring(0, 110) + "..." : l).toList();
            ps.waitFor(5, TimeUnit.SECONDS);
            return String.join("\n", lines);
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memory() {
        String kib = firstValue(Path.of("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "");
        return kib.isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / 1048576.0);
    }

    private static String os() {
        String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        return (pretty.isEmpty() ? System.getProperty("os.name") : pretty) + ", kernel "
                + System.getProperty("os.version");
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "";
    }
}
