package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl kustomize}: the same renderer {@code kubectl apply -k} uses, so what passes here applies. */
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
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
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
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(executable().toString(), "kustomize", dir.toString())
                        .redirectError(stderr.toFile())
                        .start();
                process.getOutputStream().close();
                // Read while it runs: a full pipe would block kubectl.
                var output = process.getInputStream().readAllBytes();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return fail("kubectl kustomize " + dir + " did not finish within " + TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    return fail("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(stderr, StandardCharsets.UTF_8).strip());
                }
                return new String(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            return fail("could not run kubectl kustomize " + dir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while rendering " + dir, e);
        }
    }
}
