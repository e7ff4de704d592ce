package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

/** One metric family with a fixed label set: a thread-safe cell per label-value list, created on first use. */
abstract class LabeledFamily<C> {
    final String name;
    final String help;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, C> series = new ConcurrentHashMap<>();

    LabeledFamily(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    abstract C newCell();

    abstract MetricSnapshot snapshot();

    /** Makes the series exist (at zero) so it is exported before its first event. */
    final void touch(List<String> labelValues) {
        cell(labelValues);
    }

    final C cell(List<String> labelValues) {
        if (labelValues.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " needs " + labelNames + " but got " + labelValues);
        }
        return series.computeIfAbsent(List.copyOf(labelValues), k -> newCell());
    }

    final C existing(List<String> labelValues) {
        return series.get(labelValues);
    }

    final void forEachSeries(BiConsumer<Labels, C> action) {
        series.forEach((values, cell) -> action.accept(Labels.of(labelNames, values), cell));
    }
}
