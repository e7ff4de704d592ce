package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code make deploy IMAGE=...} deploys that image (checked through {@code make manifests}, same kustomization). */
class MakeDeployImageTest {
    @ParameterizedTest(name = "IMAGE={0} OVERLAY={1}")
    @CsvSource({
        "registry.example.com:5000/team/operator:0.1.0, base, registry.example.com:5000/team/operator:0.1.0",
        "registry.example.com:5000/operator, overlays/high-availability, registry.example.com:5000/operator:latest",
        "spark-operator:latest, overlays/single-namespace, spark-operator:latest"})
    void deploysTheImageItIsGiven(String image, String overlay, String expected) throws Exception {
        String rendered = make("manifests", "IMAGE=" + image, "OVERLAY=" + overlay);
        OperatorPod pod = OperatorPod.of(Manifests.parse("make manifests", rendered));
        assertEquals(expected, pod.container().getImage());
    }

    private static String make(String... arguments) throws IOException, InterruptedException {
        Path out = Files.createTempFile("make", ".out");
        Path err = Files.createTempFile("make", ".err");
        try {
            List<String> command = new ArrayList<>(List.of("make", "-s", "--no-print-directory"));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command)
                    .directory(Kustomizations.projectDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("make " + String.join(" ", arguments) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                fail("make " + String.join(" ", arguments) + " failed: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
