package io.sparkoperator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica benchmark's overlap check on hand-written pass logs. */
class PassOverlapsTest {
    @TempDir
    Path dir;

    @Test
    void passesOneAfterAnotherDoNotOverlap() throws Exception {
        Path a = log("a", "S 100 ns/app-1\nE 200 ns/app-1\nS 300 ns/app-2\nE 400 ns/app-2\n");
        Path b = log("b", "S 200 ns/app-1\nE 250 ns/app-1\nS 100 ns/app-3\nE 500 ns/app-3\n");
        PassOverlaps.Finding finding = PassOverlaps.check(Map.of("a", a, "b", b), Map.of());
        assertEquals(4, finding.passes());
        assertEquals(0, finding.overlaps());
    }

    @Test
    void twoReplicasOnOneAppAtOnceAreFound() throws Exception {
        Path a = log("a", "S 100 ns/app-1\nE 300 ns/app-1\n");
        Path b = log("b", "S 250 ns/app-1\nE 400 ns/app-1\n");
        PassOverlaps.Finding finding = PassOverlaps.check(Map.of("a", a, "b", b), Map.of());
        assertEquals(1, finding.overlaps(), finding::toString);
    }

    @Test
    void aKilledReplicasOpenPassRunsUntilTheKill() throws Exception {
        Path a = log("a", "S 100 ns/app-1\nE 15"); // cut short by SIGKILL mid-line
        Path b = log("b", "S 150 ns/app-1\nE 400 ns/app-1\n");
        assertEquals(1, PassOverlaps.check(Map.of("a", a, "b", b), Map.of("a", 200L)).overlaps());
        assertEquals(0, PassOverlaps.check(Map.of("a", a, "b", log("c", "S 201 ns/app-1\nE 400 ns/app-1\n")),
                Map.of("a", 200L)).overlaps());
    }

    @Test
    void anOpenPassOfALiveReplicaIsAHarnessError() throws Exception {
        Path a = log("a", "S 100 ns/app-1\n");
        assertThrows(IllegalStateException.class, () -> PassOverlaps.check(Map.of("a", a), Map.of()));
    }

    private Path log(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name + ".log"), text);
    }
}
