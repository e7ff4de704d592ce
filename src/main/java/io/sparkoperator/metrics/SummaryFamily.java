package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.List;

/** A summary without quantiles ({@code _count} and {@code _sum}), like a Go SummaryVec with default options. */
final class SummaryFamily extends LabeledFamily<SummaryFamily.Cell> {
    SummaryFamily(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    @Override
    Cell newCell() {
        return new Cell();
    }

    void observe(List<String> labelValues, double value) {
        cell(labelValues).observe(value);
    }

    @Override
    MetricSnapshot snapshot() {
        SummarySnapshot.Builder builder = SummarySnapshot.builder().name(name).help(help);
        forEachSeries((labels, cell) -> {
            synchronized (cell) {
                builder.dataPoint(SummaryDataPointSnapshot.builder().labels(labels).count(cell.count)
                        .sum(cell.sum).build());
            }
        });
        return builder.build();
    }

    static final class Cell {
        private long count;
        private double sum;

        synchronized void observe(double value) {
            count++;
            sum += value;
        }
    }
}
