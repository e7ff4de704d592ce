package io.sparkoperator.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every kustomization a user can apply: the base, each directory under kustomize/overlays (found, not listed, so a
 * new overlay is checked too), and the high-availability and prometheus components combined, which the components
 * exist for. Each is rendered once per test run.
 */
final class Kustomizations {
    static final String BASE = "base";
    static final String SINGLE_NAMESPACE = "overlays/single-namespace";
    static final String HIGH_AVAILABILITY = "overlays/high-availability";
    static final String PROMETHEUS = "overlays/prometheus";
    static final String HA_WITH_PROMETHEUS = "high-availability + prometheus";

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomizations() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
    }

    static Path kustomizeDir() {
        return projectDir().resolve("kustomize");
    }

    /** Names of everything renderable: "base", "overlays/<name>" for each overlay, and the combination. */
    static Stream<String> all() {
        List<String> names = new ArrayList<>();
        names.add(BASE);
        try (Stream<Path> overlays = Files.list(kustomizeDir().resolve("overlays"))) {
            overlays.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> "overlays/" + dir.getFileName())
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kustomizeDir().resolve("overlays"), e);
        }
        assertFalse(names.size() < 4, "expected the base and three overlays, found " + names);
        names.add(HA_WITH_PROMETHEUS);
        return names.stream();
    }

    static Manifests rendered(String name) {
        return RENDERED.computeIfAbsent(name, n -> Manifests.render(directory(n)));
    }

    private static Path directory(String name) {
        if (!name.equals(HA_WITH_PROMETHEUS)) {
            return kustomizeDir().resolve(name);
        }
        // kustomize accepts only relative paths to other kustomizations, so the combination lives under target/.
        Path dir = projectDir().resolve("target/kustomize-ha-prometheus");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                    - %s
                    components:
                    - %s
                    - %s
                    """.formatted(relative(dir, "base"), relative(dir, "components/high-availability"),
                    relative(dir, "components/prometheus")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static String relative(Path from, String kustomization) {
        return from.relativize(kustomizeDir().resolve(kustomization)).toString();
    }
}
