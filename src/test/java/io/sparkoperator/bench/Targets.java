package io.sparkoperator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets against what a run measured, as a Markdown table (met or missed; a miss is explained by hand). */
final class Targets {
    private final List<String> rows = new ArrayList<>();

    /** A target met when {@code measured < limit}; NaN (not measured, or the run did not finish) is a miss. */
    Targets below(String target, double measured, double limit, String unit) {
        boolean met = !Double.isNaN(measured) && measured < limit;
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s |", target,
                Double.isNaN(measured) ? "not reached" : String.format(Locale.ROOT, "%.2f %s", measured, unit),
                met ? "met" : "**missed**"));
        return this;
    }

    /** A target met when {@code measured >= floor}. */
    Targets atLeast(String target, double measured, double floor, String unit) {
        boolean met = !Double.isNaN(measured) && measured >= floor;
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s |", target,
                Double.isNaN(measured) ? "not reached" : String.format(Locale.ROOT, "%.1f %s", measured, unit),
                met ? "met" : "**missed**"));
        return this;
    }

    String table() {
        return "| target | measured | |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
    }
}
