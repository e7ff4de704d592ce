package io.sparkoperator.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;
import java.util.Map;

/** What the operator process cost, read from inside it: CPU of the whole process, heap, RSS, GC. */
final class ProcessStats {
    /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
    private static final long CLOCK_TICKS = 100;

    private ProcessStats() {
    }

    /** CPU time of every thread of this process (JIT and GC included), in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sum of each heap pool's peak use: an upper bound of the peak heap in use (pools peak at different times). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Heap in use after a full collection: what the tracked applications really keep alive. */
    static long liveHeapBytes() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The top of {@code jcmd <pid> GC.class_histogram} (a full GC first): what the live heap is made of. */
    static List<String> classHistogram(int rows) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(text).lines().limit(rows + 2L).toList();
        } catch (JMException | RuntimeException e) {
            return List.of("no histogram: " + e);
        }
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** {@code VmHWM} (peak RSS) and {@code VmRSS} from /proc/self/status, in KiB; empty where there is no /proc. */
    static Map<String, Long> rssKiB() {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                    values.put(line.substring(0, line.indexOf(':')),
                            Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS figures
        }
        return values;
    }

    /** CPU of this process's finished children (spark-submit), from /proc/self/stat; 0 where there is no /proc. */
    static long childrenCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU (ms) and peak RSS (KiB) of this process's live child processes (submission workers), from
     * /proc/<pid>/stat and status; zeros where there is no /proc.
     */
    static long[] liveChildrenCpuMillisAndPeakRssKiB() {
        long cpu = 0;
        long rss = 0;
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS; // utime, stime
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        rss += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        }
        return new long[] {cpu, rss};
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(t -> t > 0).sum();
    }

    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .filter(c -> c > 0).sum();
    }

    static String gcNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
    }

    static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    static int peakThreads() {
        return ManagementFactory.getThreadMXBean().getPeakThreadCount();
    }
}
