package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;

/** Counter snapshots of totals another component keeps, read at scrape time. */
final class Counters {
    private Counters() {
    }

    /** A counter without labels; {@code name} without {@code _total}, which the exposition adds. */
    static CounterSnapshot single(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
