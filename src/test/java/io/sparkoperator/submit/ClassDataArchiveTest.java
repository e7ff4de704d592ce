package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkoperator.submit.ClassDataArchive.Lease;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void oneRunCreatesTheArchiveWhileOthersGoWithoutThenAllUseIt() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(tmp);
        Lease creator = archive.acquire();
        assertEquals(Lease.CREATE, creator);
        assertEquals(Lease.SKIP, archive.acquire(), "a concurrent run must not write the same archive");
        archive.release(creator);
        assertEquals(Lease.CREATE, archive.acquire(), "the creator exited without an archive: the next run tries");
        Files.write(tmp.resolve("spark-submit.jsa"), new byte[] {1});
        assertEquals(Lease.USE, archive.acquire());
        assertEquals(Lease.USE, archive.acquire());
        assertEquals(Lease.SKIP, new ClassDataArchive(null).acquire());
    }
}
