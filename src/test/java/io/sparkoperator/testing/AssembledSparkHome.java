package io.sparkoperator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Spark 4.1.1 that {@code make spark-home} assembles into {@code target/spark-home} (system property
 * {@code spark.home}, set by the pom; env {@code SPARK_HOME} as a fallback). Integration tests fail, never skip,
 * when it is missing: a silently skipped tier would look green.
 */
public final class AssembledSparkHome {
    private AssembledSparkHome() {
    }

    public static Path require() {
        String configured = System.getProperty("spark.home");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("SPARK_HOME");
        }
        if (configured == null || configured.isBlank()) {
            fail("no Spark for the integration tests: run `make spark-home` (or `make test`), or set -Dspark.home");
        }
        Path home = Path.of(configured);
        if (!Files.isExecutable(home.resolve("bin/spark-submit")) || !Files.isDirectory(home.resolve("jars"))) {
            fail("no assembled Spark at " + home + " (bin/spark-submit and jars/ missing): run `make spark-home`"
                    + " (or `make test`, which depends on it)");
        }
        return home;
    }
}
