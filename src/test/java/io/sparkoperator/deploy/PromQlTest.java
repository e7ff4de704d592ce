package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {
    private static List<String> metrics(String expr) {
        return PromQl.selectors(expr).stream().map(PromQl.Selector::metric).toList();
    }

    @Test
    void histogramQuantileKeepsTheBucketSeriesAndSkipsFunctionsGroupingAndRanges() {
        assertEquals(List.of("spark_application_submit_latency_seconds_histogram_bucket"), metrics("""
                histogram_quantile(0.99, sum by (le, controller) (rate(
                  spark_application_submit_latency_seconds_histogram_bucket{namespace="$namespace", pod=~"$pod"}
                  [$__rate_interval])))"""));
    }

    @Test
    void keywordsLabelListsStringsNumbersAndModifiersAreNoMetrics() {
        assertEquals(List.of("a_total", "b", "c", "d", "up"), metrics("""
                sum without (instance) (rate(a_total[5m] offset 1h)) / on (namespace) group_left (pod) b
                  > bool 1e-3 and c @ start() unless ignoring (job) d * 0x1F
                or absent(up{job="x"} == 1)  # a comment naming not_a_metric
                """));
        assertEquals(List.of("x"), metrics("label_replace(x, \"dst\", \"$1\", \"src\", \"(not_a_metric.*)\")"));
        assertEquals(List.of("m"), metrics("max_over_time(m[10m:1m]) > 15 * 60 or vector(0) + Inf - NaN"));
        assertEquals(List.of("sum_of_things"), metrics("sum(sum_of_things)"), "a name starting with a keyword");
    }

    @Test
    void matchersAreReadWithTheirOperatorsAndValues() {
        PromQl.Selector selector = PromQl.selectors(
                "m{state=\"SUBMITTED\", result!=\"a,b}\", pod=~'p-.*', le!~`0\\.5`}").getFirst();
        assertEquals(List.of(new PromQl.Matcher("state", "=", "SUBMITTED"), new PromQl.Matcher("result", "!=", "a,b}"),
                new PromQl.Matcher("pod", "=~", "p-.*"), new PromQl.Matcher("le", "!~", "0\\.5")),
                selector.matchers());
        assertEquals(List.of(new PromQl.Selector("n", List.of(new PromQl.Matcher("a", "=", "1")))),
                PromQl.selectors("{__name__=\"n\", a=\"1\"}"));
    }

    @Test
    void aTypoInAFunctionOrAnUnbalancedExpressionIsAnErrorNotAMetric() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> PromQl.selectors("sum(rat(x[5m]))"));
        assertTrue(typo.getMessage().contains("unknown function rat()"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("sum(rate(x[5m])"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("x{a=\"1\""));
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("x{a=1}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("{a=\"1\"}"));
    }
}
