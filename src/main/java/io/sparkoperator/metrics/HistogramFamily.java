package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Arrays;
import java.util.List;

/** A classic histogram with fixed upper bounds (an implicit {@code +Inf} bucket is added). */
final class HistogramFamily extends LabeledFamily<HistogramFamily.Cell> {
    private final double[] upperBounds;

    HistogramFamily(String name, String help, List<String> labelNames, List<Double> buckets) {
        super(name, help, labelNames);
        double[] sorted = buckets.stream().mapToDouble(Double::doubleValue)
                .filter(b -> b != Double.POSITIVE_INFINITY).sorted().distinct().toArray();
        this.upperBounds = Arrays.copyOf(sorted, sorted.length + 1);
        this.upperBounds[sorted.length] = Double.POSITIVE_INFINITY;
    }

    @Override
    Cell newCell() {
        return new Cell(upperBounds);
    }

    void observe(List<String> labelValues, double value) {
        cell(labelValues).observe(value);
    }

    @Override
    MetricSnapshot snapshot() {
        HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
        forEachSeries((labels, cell) -> {
            synchronized (cell) {
                builder.dataPoint(HistogramDataPointSnapshot.builder().labels(labels)
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, cell.counts.clone()))
                        .sum(cell.sum).build());
            }
        });
        return builder.build();
    }

    static final class Cell {
        private final double[] upperBounds;
        private final long[] counts;
        private double sum;

        Cell(double[] upperBounds) {
            this.upperBounds = upperBounds;
            this.counts = new long[upperBounds.length];
        }

        synchronized void observe(double value) {
            int i = 0;
            while (i < upperBounds.length - 1 && !(value <= upperBounds[i])) {
                i++;
            }
            counts[i]++;
            sum += value;
        }
    }
}
