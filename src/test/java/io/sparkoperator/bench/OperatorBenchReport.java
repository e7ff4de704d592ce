package io.sparkoperator.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown of the operator-overhead section of BENCHMARKS.md. */
final class OperatorBenchReport {
    private OperatorBenchReport() {
    }

    static String loadTable(List<LoadResult> results) {
        StringBuilder t = new StringBuilder("| dispatcher | apps | all SUBMITTED s | all COMPLETED s | reconciles |"
                + " reconcile p50 / p99 ms | incl. wait for a worker p50 / p99 ms | operator CPU s | CPU ms per app |"
                + " peak heap MiB | live heap MiB | peak RSS MiB | GC ms | API requests per app | failed |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LoadResult r : results) {
            t.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.0f | %.1f / %.1f | %.1f / %.1f | %.1f |"
                            + " %.2f | %.0f | %.0f | %.0f | %.0f | %.1f | %d |%n",
                    name(r.settings().dispatcher()), r.settings().apps(),
                    seconds(r.allSubmittedSeconds(), r.submitted(), r),
                    seconds(r.allCompletedSeconds(), r.completed(), r), r.number("reconciles"), r.number("workP50Ms"), r.number("workP99Ms"),
                    r.number("dispatchedP50Ms"), r.number("dispatchedP99Ms"), r.number("cpuSinceReadyMs") / 1000,
                    r.cpuMillisPerApp(), r.number("peakHeapMiB"), r.number("liveHeapMiB"), r.number("peakRssMiB"),
                    r.number("gcMs"), r.requestsPerApp(), r.failed() + (r.settings().apps() - r.completed())));
        }
        return t.toString();
    }

    /** A time, or how far the run got when it was abandoned at the bound. */
    private static String seconds(double value, int reached, LoadResult r) {
        return Double.isNaN(value) ? String.format(Locale.ROOT, "not within %d s (%d of %d)",
                r.settings().bound().toSeconds(), reached, r.settings().apps())
                : String.format(Locale.ROOT, "%.1f", value);
    }

    static String requestTable(LoadResult r) {
        StringBuilder t = new StringBuilder("| request | per app |\n|---|---|\n");
        for (Map.Entry<String, Long> e : r.requests().entrySet()) {
            t.append(String.format(Locale.ROOT, "| %s | %.2f |%n", e.getKey(), (double) e.getValue()
                    / r.settings().apps()));
        }
        return t.toString();
    }

    static String startupTable(StartupResult s) {
        return String.format(Locale.ROOT, "| existing apps (pods) | launch to ready s | of which cache sync s |"
                        + " launch to first pass done s | API requests | peak heap MiB | live heap MiB | peak RSS MiB |%n"
                        + "|---|---|---|---|---|---|---|---|%n| %d (%d) | %.2f | %.2f | %.2f | %d | %.0f | %.0f | %.0f |%n",
                s.storedApps(), s.storedPods(), s.launchToReadyMillis() / 1000.0, s.syncMillis() / 1000.0,
                s.firstPassUptimeMillis() < 0 ? Double.NaN
                        : (s.launchToReadyMillis() + s.firstPassUptimeMillis() - s.readyUptimeMillis()) / 1000.0,
                s.requests(),
                number(s.operator(), "peakHeapMiB"), number(s.operator(), "liveHeapMiB"),
                number(s.operator(), "peakRssMiB"));
    }

    static String name(String dispatcher) {
        if (dispatcher.equals("unbounded")) {
            return "virtual thread per reconcile, no bound (before --controller-threads)";
        }
        if (dispatcher.startsWith("virtual")) {
            return "controller: virtual threads, at most " + dispatcher.substring(7) + " at a time, pod events first";
        }
        return "fixed pool of " + dispatcher.substring(4) + " platform threads (Go default)";
    }

    static double number(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
