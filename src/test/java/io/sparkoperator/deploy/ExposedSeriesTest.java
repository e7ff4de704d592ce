package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExposedSeriesTest {
    private static final String TEXT = """
            # HELP spark_operator_applications SparkApplications by state
            # TYPE spark_operator_applications gauge
            spark_operator_applications{state="RUNNING"} 1.0
            spark_operator_applications{state="SUBMITTED"} 0.0
            # TYPE h histogram
            h_bucket{le="1.0"} 0
            h_bucket{le="+Inf"} 0
            h_count 0
            h_sum 0.0
            spark_application_count 3.0
            """;
    private static final String OPENMETRICS = TEXT.replace("spark_application_count 3.0\n", "") + "# EOF\n";

    @Test
    void whatAScrapeExposesPasses() {
        ExposedSeries series = ExposedSeries.of(TEXT);
        assertEquals(List.of(), series.problems("panel P", """
                sum(rate(h_bucket{namespace="$namespace", le="+Inf"}[5m])) / sum(rate(h_count[5m]))
                + max(spark_operator_applications{state=~"RUN.*|PENDING"}) + absent(up{job="j"})"""));
    }

    @Test
    void eachProblemNamesWhereAndWhat() {
        ExposedSeries series = ExposedSeries.of(TEXT);
        assertEquals(List.of(
                "alert A: queries h, which the operator does not expose (exposed with that start: [h_bucket, h_count,"
                        + " h_sum])",
                "alert A: queries spark_operator_application, which the operator does not expose (exposed with that"
                        + " start: [spark_operator_applications])",
                "alert A: spark_operator_applications{state=\"SUBMITED\"} matches no series; state is one of"
                        + " [RUNNING, SUBMITTED]",
                "alert A: spark_operator_applications has no label phase (its labels: [state])"),
                series.problems("alert A", "h + spark_operator_application + spark_operator_applications{"
                        + "state=\"SUBMITED\"} + spark_operator_applications{phase=\"x\"}"));
        assertEquals(List.of("alert A: unknown function rat() at 4 in: sum(rat(h_count[5m]))"),
                series.problems("alert A", "sum(rat(h_count[5m]))"));
    }

    @Test
    void aNameMustBeInEveryFormatPrometheusMayNegotiate() {
        ExposedSeries series = ExposedSeries.of(TEXT, OPENMETRICS);
        assertEquals(List.of("p: queries spark_application_count, which the operator does not expose"),
                series.problems("p", "spark_application_count"));
    }
}
