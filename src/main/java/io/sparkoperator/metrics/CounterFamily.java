package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;

/** A counter with a fixed label set; a series appears at 0 as soon as it is {@linkplain #touch touched}. */
final class CounterFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Exposition exposition;
    private final ConcurrentMap<List<String>, DoubleAdder> series = new ConcurrentHashMap<>();

    CounterFamily(String name, String help, List<String> labelNames, Exposition exposition) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        this.exposition = exposition;
    }

    void inc(List<String> labelValues) {
        cell(labelValues).add(1);
    }

    void touch(List<String> labelValues) {
        cell(labelValues);
    }

    double value(List<String> labelValues) {
        DoubleAdder adder = series.get(labelValues);
        return adder == null ? 0 : adder.sum();
    }

    private DoubleAdder cell(List<String> labelValues) {
        if (labelValues.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " needs " + labelNames + " but got " + labelValues);
        }
        return series.computeIfAbsent(List.copyOf(labelValues), k -> new DoubleAdder());
    }

    MetricSnapshot snapshot() {
        if (exposition == Exposition.COUNTER) {
            CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
            series.forEach((values, adder) -> builder.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(Labels.of(labelNames, values)).value(adder.sum()).build()));
            return builder.build();
        }
        UnknownSnapshot.Builder builder = UnknownSnapshot.builder().name(name).help(help);
        series.forEach((values, adder) -> builder.dataPoint(UnknownDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, values)).value(adder.sum()).build()));
        return builder.build();
    }
}
