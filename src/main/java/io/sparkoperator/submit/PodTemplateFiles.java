package io.sparkoperator.submit;

import io.sparkoperator.api.ApiJson;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One submission's pod template files in a fresh private directory (owner-only permissions where the file system
 * has them: templates may name secrets and hosts). Closing removes the directory and everything in it.
 */
public final class PodTemplateFiles implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PodTemplateFiles.class.getName());
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final PodTemplatePaths paths;

    private PodTemplateFiles(Path dir, PodTemplatePaths paths) {
        this.dir = dir;
        this.paths = paths;
    }

    /**
     * Writes {@code driver-pod-template.json} and {@code executor-pod-template.json} under a new dir in {@code
     * parent}. JSON, not YAML: Spark reads either (fabric8 parses both), and emitting YAML cost the operator about
     * 7 % of its CPU per submission.
     */
    public static PodTemplateFiles write(Path parent, String submissionId, RenderedPodTemplates templates)
            throws IOException {
        Files.createDirectories(parent);
        String prefix = "spark-submit-" + submissionId.replaceAll("[^A-Za-z0-9-]", "_") + "-";
        Path dir = posix(parent)
                ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(OWNER_DIR))
                : Files.createTempDirectory(parent, prefix);
        try {
            Path driver = writePrivate(dir.resolve("driver-pod-template.json"), ApiJson.toJson(templates.driver()));
            Path executor = writePrivate(dir.resolve("executor-pod-template.json"),
                    ApiJson.toJson(templates.executor()));
            return new PodTemplateFiles(dir, new PodTemplatePaths(driver, executor));
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    public Path directory() {
        return dir;
    }

    public PodTemplatePaths paths() {
        return paths;
    }

    /** Removes the directory; a failure is logged, never thrown, so it cannot mask the submission's outcome. */
    @Override
    public void close() {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove pod template dir " + dir + ": " + e);
        }
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        if (posix(file.getParent())) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_FILE);
            Files.createFile(file, attr);
        }
        return Files.writeString(file, content);
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
