package io.sparkoperator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the replica benchmark's harness (part of {@code make test}): two benchmark operator JVMs sharing 16
 * shard Leases take a small burst to COMPLETED; both did some of the work, no pass overlapped, one driver per app.
 */
class ReplicasBenchSmokeTest {
    @TempDir
    Path logs;

    @Test
    void twoReplicasShareABurst() throws Exception {
        LoadSettings settings = new LoadSettings(40, "virtual10", Duration.ofMillis(100), Duration.ofMillis(200),
                LoadSettings.DEPLOYED_JVM, Duration.ofMinutes(2), logs, List.of());
        try (ReplicasRun run = new ReplicasRun(settings, 2)) {
            run.start();
            assertEquals(2, run.holders().size(), () -> "holders " + run.holders());
            ReplicasRun.Burst burst = run.burst(0, 40);
            assertTrue(burst.allCompletedSeconds() > 0, burst::toString);
            assertEquals(0, burst.failed(), burst::toString);
            burst.reconciles().forEach((replica, passes) -> assertTrue(passes > 0, replica + ": " + burst));
            assertTrue(burst.reconciles().values().stream().mapToLong(Long::longValue).sum() >= 40 * 3,
                    burst::toString);
            PassOverlaps.Finding finding = run.overlaps();
            assertEquals(0, finding.overlaps(), finding::toString);
            assertTrue(finding.passes() >= 40 * 3, finding::toString);
            assertEquals(List.of(), run.notOneDriver());
        }
    }
}
