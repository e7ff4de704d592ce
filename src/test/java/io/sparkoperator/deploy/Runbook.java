package io.sparkoperator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** docs/runbook.md as its {@code ## } sections, keyed by the anchor GitHub gives each heading. */
record Runbook(Map<String, String> sections) {
    static final String PATH = "docs/runbook.md";

    static Runbook load() {
        Path file = Kustomizations.projectDir().resolve(PATH);
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Runbook parse(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        String anchor = null;
        StringBuilder body = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (anchor != null) {
                    sections.put(anchor, body.toString());
                }
                anchor = anchor(line.substring(3));
                body.setLength(0);
            } else if (anchor != null) {
                body.append(line).append('\n');
            }
        }
        if (anchor != null) {
            sections.put(anchor, body.toString());
        }
        return new Runbook(sections);
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
