package io.sparkoperator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every CustomResourceDefinition the project ships: each YAML document under crds/ and kustomize/ whose kind is
 * CustomResourceDefinition, so a CRD added later (or a copy placed in a kustomization) is checked without editing
 * a list.
 */
final class CrdFiles {
    /** One CRD document and the file it is in. */
    record Crd(Path file, JsonNode crd) {
        String kind() {
            return crd.at("/spec/names/kind").asText();
        }

        @Override
        public String toString() {
            return Manifests.projectDir().relativize(file) + " (" + kind() + ")";
        }
    }

    private CrdFiles() {
    }

    static List<Crd> all() {
        List<Crd> crds = new ArrayList<>();
        for (String dir : List.of("crds", "kustomize")) {
            try (Stream<Path> files = Files.walk(Manifests.file(dir))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted().toList()) {
                    for (String document : Manifests.text(file).split("(?m)^---\\s*$")) {
                        if (document.isBlank()) {
                            continue;
                        }
                        JsonNode tree = Manifests.tree(document);
                        if (tree != null && tree.path("kind").asText().equals("CustomResourceDefinition")) {
                            crds.add(new Crd(file, tree));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return crds;
    }
}
