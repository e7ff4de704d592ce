package io.sparkoperator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JVM metrics from the platform MXBeans under the names of Prometheus' Java instrumentation
 * ({@code jvm_memory_used_bytes{area}}, {@code jvm_threads_current}, {@code jvm_gc_collection_seconds{gc}}, ...),
 * so JVM dashboards work without the extra instrumentation dependency.
 */
public final class JvmMetrics implements MultiCollector {
    private static final List<String> AREA = List.of("area");
    private static final List<String> POOL = List.of("pool");

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        memory(out);
        threads(out);
        gc(out);
        out.add(Gauges.single("jvm_classes_currently_loaded", "The number of classes currently loaded in the JVM",
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()));
        return new MetricSnapshots(out);
    }

    private static void memory(List<MetricSnapshot> out) {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = bean.getHeapMemoryUsage();
        MemoryUsage nonHeap = bean.getNonHeapMemoryUsage();
        out.add(Gauges.of("jvm_memory_used_bytes", "Used bytes of a given JVM memory area.", AREA,
                Map.of(List.of("heap"), (double) heap.getUsed(), List.of("nonheap"), (double) nonHeap.getUsed())));
        out.add(Gauges.of("jvm_memory_committed_bytes", "Committed (bytes) of a given JVM memory area.", AREA,
                Map.of(List.of("heap"), (double) heap.getCommitted(),
                        List.of("nonheap"), (double) nonHeap.getCommitted())));
        out.add(Gauges.of("jvm_memory_max_bytes", "Max (bytes) of a given JVM memory area (-1 if undefined).", AREA,
                Map.of(List.of("heap"), (double) heap.getMax(), List.of("nonheap"), (double) nonHeap.getMax())));
        Map<List<String>, Double> poolUsed = new LinkedHashMap<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getUsage();
            if (usage != null) {
                poolUsed.put(List.of(pool.getName()), (double) usage.getUsed());
            }
        }
        out.add(Gauges.of("jvm_memory_pool_used_bytes", "Used bytes of a given JVM memory pool.", POOL, poolUsed));
    }

    private static void threads(List<MetricSnapshot> out) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        out.add(Gauges.single("jvm_threads_current", "Current thread count of a JVM (platform threads)",
                bean.getThreadCount()));
        out.add(Gauges.single("jvm_threads_daemon", "Daemon thread count of a JVM", bean.getDaemonThreadCount()));
        out.add(Gauges.single("jvm_threads_peak", "Peak thread count of a JVM", bean.getPeakThreadCount()));
        CounterSnapshot started = CounterSnapshot.builder().name("jvm_threads_started")
                .help("Started thread count of a JVM").dataPoint(CounterDataPointSnapshot.builder()
                        .value(bean.getTotalStartedThreadCount()).build()).build();
        out.add(started);
    }

    private static void gc(List<MetricSnapshot> out) {
        SummarySnapshot.Builder builder = SummarySnapshot.builder().name("jvm_gc_collection_seconds")
                .help("Time spent in a given JVM garbage collector in seconds.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            long count = Math.max(0, gc.getCollectionCount());
            long millis = Math.max(0, gc.getCollectionTime());
            builder.dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of("gc", gc.getName()))
                    .count(count).sum(millis / 1000.0).build());
        }
        out.add(builder.build());
    }
}
