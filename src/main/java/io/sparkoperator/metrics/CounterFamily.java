package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/** A counter family, exposed as a counter or, for Go-compatible names, untyped (see {@link Exposition}). */
final class CounterFamily extends LabeledFamily<DoubleAdder> {
    private final Exposition exposition;

    CounterFamily(String name, String help, List<String> labelNames, Exposition exposition) {
        super(name, help, labelNames);
        this.exposition = exposition;
    }

    @Override
    DoubleAdder newCell() {
        return new DoubleAdder();
    }

    void inc(List<String> labelValues) {
        cell(labelValues).add(1);
    }

    double value(List<String> labelValues) {
        DoubleAdder adder = existing(labelValues);
        return adder == null ? 0 : adder.sum();
    }

    @Override
    MetricSnapshot snapshot() {
        if (exposition == Exposition.COUNTER) {
            CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
            forEachSeries((labels, adder) -> builder.dataPoint(
                    CounterDataPointSnapshot.builder().labels(labels).value(adder.sum()).build()));
            return builder.build();
        }
        UnknownSnapshot.Builder builder = UnknownSnapshot.builder().name(name).help(help);
        forEachSeries((labels, adder) -> builder.dataPoint(
                UnknownDataPointSnapshot.builder().labels(labels).value(adder.sum()).build()));
        return builder.build();
    }
}
