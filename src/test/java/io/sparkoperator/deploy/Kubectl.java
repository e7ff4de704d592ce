package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs kubectl offline, e.g. {@code kubectl kustomize}: the renderer {@code kubectl apply -k} uses. */
final class Kubectl {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Kubectl() {
    }

    /** The kubectl to run: $KUBECTL, else the first on PATH, else /usr/bin/kubectl; fails the test clearly if none. */
    static Path executable() {
        List<Path> candidates = new ArrayList<>();
        String fromEnv = System.getenv("KUBECTL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidates.add(Path.of(fromEnv));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "kubectl"));
            }
        }
        candidates.add(Path.of("/usr/bin/kubectl"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseGet(() -> fail(
                "kubectl not found (looked at $KUBECTL, $PATH and /usr/bin/kubectl). The kustomize tests render"
                        + " kustomize/ with `kubectl kustomize`; install kubectl 1.27+ or set KUBECTL."));
    }

    /** The YAML stream {@code kubectl kustomize dir} prints; fails the test with kubectl's error when it refuses. */
    static String kustomize(Path dir) {
        return run("kustomize", dir.toString());
    }

    /** kubectl's standard output for these arguments (offline commands only: there is no API server). */
    static String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable().toString()));
        command.addAll(List.of(arguments));
        String shown = "kubectl " + String.join(" ", arguments);
        try {
            // Output goes to files, so a kubectl that hangs is still cut off by the timeout.
            Path stdout = Files.createTempFile("kubectl", ".out");
            Path stderr = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return fail(shown + " did not finish within " + TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    return fail(shown + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(stderr, StandardCharsets.UTF_8).strip());
                }
                return Files.readString(stdout, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            return fail("could not run " + shown + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + shown, e);
        }
    }
}
