package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.submit.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The image must carry the submission worker where the operator looks for it ({@code $SPARK_HOME/operator}), built
 * from its sources against the image's Spark jars; without it every submission in the image would go cold. (No
 * Docker engine here to build the image: this reads the Dockerfile's steps.)
 */
class ImageShipsTheWorkerTest {
    @Test
    void theBuildStageCompilesTheWorkerIntoSparkHomeAndChecksTheJar() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        int copySources = dockerfile.indexOf("COPY src/spark-home/worker src/spark-home/worker");
        int build = dockerfile.indexOf("package -Dspark.home.dir=/opt/spark", Math.max(copySources, 0));
        assertTrue(copySources > 0, "the worker's sources are copied into the build stage");
        assertTrue(build > copySources, "and packaged after they are there");
        assertTrue(dockerfile.contains("test -s /opt/spark/" + WorkerSettings.JAR_IN_SPARK_HOME),
                "the build fails when the jar is missing or empty");
        assertTrue(dockerfile.contains("COPY --from=build /opt/spark /opt/spark"), "and /opt/spark is shipped");
        assertTrue(dockerfile.contains("ENV SPARK_HOME=/opt/spark"));
    }
}
