package io.sparkoperator.submit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finding {@code bin/spark-submit}, with an error that says what to set. */
final class SparkHome {
    private SparkHome() {
    }

    static Path submitScript(Path sparkHome) {
        if (sparkHome == null) {
            throw new IllegalStateException("SPARK_HOME is not set: set the SPARK_HOME environment variable (or the"
                    + " submitter's sparkHome) to a Spark 4.x installation containing bin/spark-submit");
        }
        Path script = sparkHome.resolve("bin").resolve("spark-submit");
        if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
            throw new IllegalStateException("SPARK_HOME " + sparkHome + " has no executable bin/spark-submit:"
                    + " point SPARK_HOME at a Spark 4.x installation");
        }
        return script;
    }
}
