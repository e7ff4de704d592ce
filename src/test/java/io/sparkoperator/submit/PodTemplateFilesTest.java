package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.sparkoperator.api.ApiJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodTemplateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesPrivateJsonFilesAndRemovesThemOnClose() throws Exception {
        RenderedPodTemplates t = PodTemplateRenderer.render(PodTemplateRendererTest.FULL);
        Path dir;
        try (PodTemplateFiles files = PodTemplateFiles.write(tmp, "sub/../1", t)) {
            dir = files.directory();
            assertEquals(tmp, dir.getParent(), "the submission id cannot steer the path");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.paths().driver())));
            assertEquals(t.driver(), ApiJson.parse(Files.readString(files.paths().driver()), Pod.class));
            assertEquals(t.executor(), ApiJson.parse(Files.readString(files.paths().executor()), Pod.class));
            assertEquals("driver-pod-template.json", files.paths().driver().getFileName().toString());
            assertTrue(Files.readString(files.paths().driver()).startsWith("{"), "JSON, which Spark reads as well");
        }
        assertFalse(Files.exists(dir));
    }
}
