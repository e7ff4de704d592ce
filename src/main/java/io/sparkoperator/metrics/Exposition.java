package io.sparkoperator.metrics;

/**
 * How a counter family appears on the wire. The 1.x Java client always appends {@code _total} to counters, so a
 * counter named {@code spark_application_count} would be scraped as {@code spark_application_count_total} and break
 * dashboards built for the Go operator, whose client writes the bare name. Those families are therefore exposed
 * untyped: same sample name as Go in the Prometheus text, OpenMetrics and protobuf formats.
 */
public enum Exposition {
    /** {@code # TYPE x counter} and sample {@code x_total}. */
    COUNTER,
    /** {@code # TYPE x untyped} and sample {@code x}: the Go operator's series name, unchanged. */
    EXACT_NAME_UNTYPED
}
