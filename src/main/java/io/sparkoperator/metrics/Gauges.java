package io.sparkoperator.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;

/** Gauge snapshots computed at scrape time. */
final class Gauges {
    private Gauges() {
    }

    static GaugeSnapshot of(String name, String help, List<String> labelNames, Map<List<String>, Double> values) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((labelValues, value) -> builder.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, labelValues)).value(value).build()));
        return builder.build();
    }

    static GaugeSnapshot single(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
