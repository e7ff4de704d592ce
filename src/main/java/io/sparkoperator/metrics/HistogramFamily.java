package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A classic histogram with fixed upper bounds (an implicit {@code +Inf} bucket is added). */
final class HistogramFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] upperBounds;
    private final ConcurrentMap<List<String>, Cell> series = new ConcurrentHashMap<>();

    HistogramFamily(String name, String help, List<String> labelNames, List<Double> buckets) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        double[] sorted = buckets.stream().mapToDouble(Double::doubleValue)
                .filter(b -> b != Double.POSITIVE_INFINITY).sorted().distinct().toArray();
        this.upperBounds = Arrays.copyOf(sorted, sorted.length + 1);
        this.upperBounds[sorted.length] = Double.POSITIVE_INFINITY;
    }

    void observe(List<String> labelValues, double value) {
        cell(labelValues).observe(value);
    }

    void touch(List<String> labelValues) {
        cell(labelValues);
    }

    private Cell cell(List<String> labelValues) {
        if (labelValues.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " needs " + labelNames + " but got " + labelValues);
        }
        return series.computeIfAbsent(List.copyOf(labelValues), k -> new Cell(upperBounds.length));
    }

    MetricSnapshot snapshot() {
        HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
        series.forEach((values, cell) -> {
            long[] counts;
            double sum;
            synchronized (cell) {
                counts = cell.counts.clone();
                sum = cell.sum;
            }
            builder.dataPoint(HistogramDataPointSnapshot.builder().labels(Labels.of(labelNames, values))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, counts)).sum(sum).build());
        });
        return builder.build();
    }

    private final class Cell {
        private final long[] counts;
        private double sum;

        Cell(int buckets) {
            counts = new long[buckets];
        }

        synchronized void observe(double value) {
            int i = 0;
            while (value > upperBounds[i]) {
                i++;
            }
            counts[i]++;
            sum += value;
        }
    }
}
