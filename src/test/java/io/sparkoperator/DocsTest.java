package io.sparkoperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README stays a newcomer's page; the documents point only at what the repository holds. */
class DocsTest {
    private static final Path ROOT = Path.of(System.getProperty("project.basedir", "."));
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    /** Phrases that pointed at documents outside the repository. */
    private static final List<String> OUTSIDE = List.of("Left open", "reference section", "facts file", "../shared",
            "crd-facts", "spark-submit-facts", "v1beta2-api.md");

    @Test
    void readmeIsAtMost400Lines() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
        assertTrue(lines <= 400, "README.md has " + lines + " lines; move reference material into docs/");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher link = LINK.matcher(Files.readString(doc));
            while (link.find()) {
                String target = link.group(1);
                if (!target.contains("://") && !Files.exists(doc.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(doc) + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = new ArrayList<>(documents());
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main/java"))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
        }
        for (Path file : files) {
            String text = Files.readString(file);
            OUTSIDE.stream().filter(text::contains).forEach(p -> found.add(ROOT.relativize(file) + ": " + p));
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("BENCHMARKS.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }
}
