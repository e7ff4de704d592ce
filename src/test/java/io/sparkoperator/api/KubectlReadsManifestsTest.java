package io.sparkoperator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubectl (Go's YAML reader, YAML 1.1 rules) must read every CRD and example exactly as the operator's Jackson
 * reader does, and kustomize must render the CRDs. Without a server, {@code kubectl apply/create --dry-run=client}
 * cannot run (they need the server's API discovery); {@code kubectl label --local} and {@code kubectl kustomize}
 * work offline. Skipped where kubectl is not installed.
 */
class KubectlReadsManifestsTest {
    private static final long TIMEOUT_SECONDS = 60;

    static Stream<Path> manifests() {
        return Stream.concat(Stream.of(Manifests.file(Manifests.APP_CRD), Manifests.file(Manifests.SCHEDULED_CRD),
                        Manifests.file(Manifests.CONNECT_CRD)),
                Manifests.examples().stream());
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void kubectlReadsTheSameObject(Path manifest) throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        String json = kubectl("label", "--local", "-f", manifest.toString(), "probe=1", "-o", "json");
        ObjectNode readByKubectl = (ObjectNode) Manifests.tree(json);
        ((ObjectNode) readByKubectl.get("metadata")).remove("labels");
        ObjectNode readByUs = ((ObjectNode) Manifests.tree(manifest)).deepCopy();
        ((ObjectNode) readByUs.get("metadata")).remove("labels");
        assertEquals(Manifests.normalized(readByUs), Manifests.normalized(readByKubectl));
    }

    @Test
    void kustomizeRendersBothCrds() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Path dir = Files.createTempDirectory("crds-kustomize");
        try {
            List<String> resources = new ArrayList<>();
            for (String crd : List.of(Manifests.APP_CRD, Manifests.SCHEDULED_CRD)) {
                Path source = Manifests.file(crd);
                Files.copy(source, dir.resolve(source.getFileName()));
                resources.add("- " + source.getFileName());
            }
            Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n" + String.join("\n", resources) + "\n");
            String rendered = kubectl("kustomize", dir.toString());
            List<JsonNode> documents = new ArrayList<>();
            for (String document : rendered.split("(?m)^---$")) {
                if (!document.isBlank()) {
                    documents.add(Manifests.normalized(Manifests.tree(document)));
                }
            }
            assertEquals(2, documents.size());
            assertTrue(documents.contains(Manifests.normalized(Manifests.crd(Manifests.APP_CRD))));
            assertTrue(documents.contains(Manifests.normalized(Manifests.crd(Manifests.SCHEDULED_CRD))));
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static boolean kubectlInstalled() {
        try {
            kubectl("version", "--client");
            return true;
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + Files.readString(stderr));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
