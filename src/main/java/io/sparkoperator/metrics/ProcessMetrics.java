package io.sparkoperator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The standard {@code process_*} metrics: CPU time and open/max file descriptors from the JDK's
 * {@code com.sun.management} beans, memory from {@code /proc/self/status} (left out where there is no procfs).
 */
public final class ProcessMetrics implements MultiCollector {
    private final Path procStatus;

    public ProcessMetrics() {
        this(Path.of("/proc/self/status"));
    }

    ProcessMetrics(Path procStatus) {
        this.procStatus = procStatus;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            out.add(CounterSnapshot.builder().name("process_cpu_seconds").help("Total user and system CPU time "
                    + "spent in seconds.").dataPoint(CounterDataPointSnapshot.builder()
                    .value(sun.getProcessCpuTime() / 1e9).build()).build());
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            out.add(Gauges.single("process_open_fds", "Number of open file descriptors.",
                    unix.getOpenFileDescriptorCount()));
            out.add(Gauges.single("process_max_fds", "Maximum number of open file descriptors.",
                    unix.getMaxFileDescriptorCount()));
        }
        out.add(Gauges.single("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
                ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0));
        List<String> status = readStatus();
        kiloBytes(status, "VmRSS:").ifPresent(kb -> out.add(Gauges.single("process_resident_memory_bytes",
                "Resident memory size in bytes.", kb * 1024.0)));
        kiloBytes(status, "VmSize:").ifPresent(kb -> out.add(Gauges.single("process_virtual_memory_bytes",
                "Virtual memory size in bytes.", kb * 1024.0)));
        return new MetricSnapshots(out);
    }

    private List<String> readStatus() {
        return readStatus(procStatus);
    }

    private static List<String> readStatus(Path status) {
        try {
            return Files.readAllLines(status);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The resident memory of other processes (the submission workers), in bytes; 0 for one that is gone. */
    static long residentBytes(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += kiloBytes(readStatus(Path.of("/proc", Long.toString(pid), "status")), "VmRSS:").orElse(0) * 1024;
        }
        return sum;
    }

    /** Reads a line such as {@code VmRSS:     12345 kB}. */
    static OptionalLong kiloBytes(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
