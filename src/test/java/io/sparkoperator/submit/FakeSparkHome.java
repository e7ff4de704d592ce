package io.sparkoperator.submit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A SPARK_HOME whose bin/spark-submit is a small bash script: for runner tests, never for the integration tier. */
final class FakeSparkHome {
    private FakeSparkHome() {
    }

    static Path with(Path dir, String scriptBody) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("spark-submit");
        Files.writeString(script, "#!/usr/bin/env bash\n" + scriptBody + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    static SubmitterConfig config(Path sparkHome, Path work) {
        return SubmitterConfig.defaults(sparkHome, "k8s://https://127.0.0.1:6443")
                .withWorkDir(work.resolve("templates"))
                .withChildJvm(ChildJvmOptions.tuned(work.resolve("cds")));
    }
}
