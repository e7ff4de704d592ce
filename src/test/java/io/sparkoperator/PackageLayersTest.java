package io.sparkoperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages point one way: each main package imports only the packages its {@code package-info.java} allows
 * (listed here once more, so a new import across layers is a decision someone writes down), and the generic
 * runtime nothing of the operator. A cycle cannot pass, since the allowed table below has none.
 */
class PackageLayersTest {
    private static final Path MAIN = Path.of("src/main/java/io/sparkoperator");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.sparkoperator\\.([a-z]+)\\.",
            Pattern.MULTILINE);
    private static final String TOP = "(top)";

    /** Which operator packages each package may import; the top level may import all. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("api", Set.of()),
            Map.entry("logging", Set.of()),
            Map.entry("schedule", Set.of()),
            Map.entry("runtime", Set.of()),
            Map.entry("state", Set.of("api")),
            Map.entry("submit", Set.of("api")),
            Map.entry("metrics", Set.of("api")),
            Map.entry("ui", Set.of("api", "runtime", "submit")),
            Map.entry("batch", Set.of("api", "submit")),
            Map.entry("sparkapp", Set.of("api", "batch", "runtime", "state", "submit", "ui")),
            Map.entry("scheduled", Set.of("api", "runtime", "schedule", "sparkapp")),
            Map.entry("sparkconnect", Set.of("api", "logging", "runtime")),
            Map.entry("config", Set.of("api", "batch", "logging", "metrics", "runtime", "schedule", "submit", "ui")));

    @Test
    void everyPackageImportsOnlyWhatItsLayerAllows() {
        Map<String, Set<String>> imports = importsByPackage();
        assertEquals(new TreeSet<>(ALLOWED.keySet()), without(imports.keySet(), TOP),
                "every main package has a row in ALLOWED (and no row names a package that is gone)");
        StringBuilder wrong = new StringBuilder();
        imports.forEach((pkg, used) -> {
            if (pkg.equals(TOP)) {
                return;
            }
            Set<String> extra = without(used, pkg);
            extra.removeAll(ALLOWED.get(pkg));
            if (!extra.isEmpty()) {
                wrong.append(pkg).append(" imports ").append(extra).append('\n');
            }
        });
        assertTrue(wrong.isEmpty(), "imports across layers:\n" + wrong);
    }

    @Test
    void nothingImportsTheTopLevel() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getParent().equals(MAIN))
                    .filter(f -> read(f).lines().anyMatch(l -> l.matches("^import (static )?io\\.sparkoperator\\.[A-Z].*")))
                    .toList();
            assertEquals(List.of(), offenders, "the wiring at the top level is imported by nobody");
        }
    }

    private static Map<String, Set<String>> importsByPackage() {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = f.getParent().equals(MAIN) ? TOP : MAIN.relativize(f.getParent()).toString();
                Set<String> used = imports.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(read(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    private static Set<String> without(Set<String> set, String element) {
        Set<String> copy = new TreeSet<>(set);
        copy.remove(element);
        return copy;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
