package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A summary without quantiles ({@code _count} and {@code _sum}), like a Go SummaryVec with default options. */
final class SummaryFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, Cell> series = new ConcurrentHashMap<>();

    SummaryFamily(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
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
        return series.computeIfAbsent(List.copyOf(labelValues), k -> new Cell());
    }

    MetricSnapshot snapshot() {
        SummarySnapshot.Builder builder = SummarySnapshot.builder().name(name).help(help);
        series.forEach((values, cell) -> {
            long count;
            double sum;
            synchronized (cell) {
                count = cell.count;
                sum = cell.sum;
            }
            builder.dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of(labelNames, values))
                    .count(count).sum(sum).build());
        });
        return builder.build();
    }

    private static final class Cell {
        private long count;
        private double sum;

        synchronized void observe(double value) {
            count++;
            sum += value;
        }
    }
}
