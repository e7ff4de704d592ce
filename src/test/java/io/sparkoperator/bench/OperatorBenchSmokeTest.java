package io.sparkoperator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the operator benchmark harness (part of {@code make test}): the operator in its own JVM takes a
 * handful of applications through their whole lifecycle against the lean API server, with both dispatchers (and
 * once over TLS), and the harness reports figures in a sane range. Not a timed assertion: the bounds are generous sanity limits.
 */
class OperatorBenchSmokeTest {
    @TempDir
    Path logs;

    @Test
    void harnessRunsApplicationsToCompletionAndReportsFigures() throws Exception {
        LoadSettings settings = new LoadSettings(12, "virtual10", Duration.ofMillis(100), Duration.ofMillis(200),
                LoadSettings.DEPLOYED_JVM, Duration.ofMinutes(2), logs, List.of());
        for (String dispatcher : new String[] {"virtual10", "pool10"}) {
            try (LoadRun run = new LoadRun(settings.withDispatcher(dispatcher))) {
                LoadResult result = run.run();
                assertEquals(12, result.completed(), () -> dispatcher + ": " + run.failures());
                assertEquals(0, result.failed(), () -> dispatcher + ": " + run.failures());
                assertTrue(result.allSubmittedSeconds() > 0 && result.allSubmittedSeconds()
                        <= result.allCompletedSeconds(), result::toString);
                assertTrue(result.number("reconciles") >= 12 * 3, result::toString);
                assertEquals(0, result.number("failures"), result::toString);
                assertTrue(result.requestsPerApp() >= 4 && result.requestsPerApp() < 100, result::toString);
                assertTrue(result.requests().getOrDefault("create pods", 0L) == 12, result::toString);
                assertTrue(result.number("cpuSinceReadyMs") > 0, result::toString);
                assertTrue(result.number("peakHeapMiB") > 1 && result.number("peakHeapMiB") <= 256, result::toString);
                assertTrue(result.number("workP99Ms") >= result.number("workP50Ms"), result::toString);
                if (dispatcher.equals("virtual10")) {
                    StartupResult restart = run.restart();
                    assertEquals(12, restart.storedApps());
                    assertTrue(restart.syncMillis() >= 0 && restart.firstPassUptimeMillis()
                            >= restart.readyUptimeMillis(), restart::toString);
                }
            }
        }
    }

    @Test
    void overTlsTheOperatorTrustsTheServersCertificate() throws Exception {
        LoadSettings settings = new LoadSettings(4, "virtual10", Duration.ofMillis(100), Duration.ofMillis(200),
                LoadSettings.DEPLOYED_JVM, Duration.ofMinutes(2), logs, List.of());
        try (LoadRun run = new LoadRun(settings, true)) {
            LoadResult result = run.run();
            assertEquals(4, result.completed(), () -> "over TLS: " + run.failures() + " " + result);
            assertEquals(0, result.number("failures"), result::toString);
            assertTrue(result.requests().getOrDefault("create pods", 0L) == 4, result::toString);
        }
    }
}
