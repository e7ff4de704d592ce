package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.submit.ChildJvmOptions.CacheUse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void oneRunCreatesTheArchiveWhileOthersGoWithoutThenAllUseIt() throws Exception {
        ClassDataArchive archive = new ClassDataArchive();
        Path file = tmp.resolve("spark-submit.jsa");
        CacheUse creator = archive.acquire(file);
        assertEquals(CacheUse.CREATE, creator);
        assertEquals(CacheUse.NONE, archive.acquire(file), "a concurrent run must not write the same archive");
        archive.release(creator, file, 21, true);
        assertEquals(CacheUse.CREATE, archive.acquire(file), "the creator exited without an archive: the next run tries");
        Files.write(file, new byte[] {1});
        assertEquals(CacheUse.USE, archive.acquire(file));
        assertEquals(CacheUse.USE, archive.acquire(file));
        assertEquals(CacheUse.NONE, archive.acquire(null));
    }

    @Test
    void aTrainedAotCacheIsMovedIntoPlaceOnlyAfterItsJvmExited() throws Exception {
        ClassDataArchive archive = new ClassDataArchive();
        Path file = tmp.resolve("spark-submit.aot");
        Path output = ChildJvmOptions.trainingOutput(file, 25);
        assertEquals(tmp.resolve("spark-submit.aot.training"), output);
        CacheUse creator = archive.acquire(file);
        assertEquals(CacheUse.CREATE, creator);
        Files.write(output, new byte[] {1, 2, 3}); // the training JVM writes it on exit
        assertEquals(CacheUse.NONE, archive.acquire(file), "not mapped while the trainer has not been released");
        archive.release(creator, file, 25, true);
        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.exists(output));
        assertEquals(CacheUse.USE, archive.acquire(file));
    }

    @Test
    void whatAKilledTrainerLeftIsDeletedAndTheNextRunTrainsAgain() throws Exception {
        ClassDataArchive archive = new ClassDataArchive();
        Path file = tmp.resolve("spark-submit.aot");
        Path output = ChildJvmOptions.trainingOutput(file, 25);
        CacheUse creator = archive.acquire(file);
        Files.write(output, new byte[] {1}); // cut off mid-write by the timeout's kill
        archive.release(creator, file, 25, false);
        assertFalse(Files.exists(file), "a partial cache is never mapped");
        assertFalse(Files.exists(output));
        assertEquals(CacheUse.CREATE, archive.acquire(file));
    }
}
