package io.sparkoperator.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reading spark-submit's stderr: is it "driver pod already exists", and which lines explain a failure. */
final class StderrDigest {
    static final int MAX_ERROR_LINES = 12;

    /** Log lines below WARN from log4j's default layout ("25/11/23 22:18:05 INFO Foo: ..."), and JVM chatter. */
    private static final Pattern NOISE = Pattern.compile(
            "^\\S+ \\S+ (INFO|DEBUG|TRACE) .*|^\\S+ \\S+ WARN NativeCodeLoader: .*|^\\s+at .*|^\\s*\\.\\.\\. \\d+ more.*|^Using Spark's default log4j.*"
                    + "|.*Please check \"kubectl auth can-i create pod\".*|^\\s*$|^\\[[\\d.]+s]\\[.*");
    private static final Pattern SIGNAL = Pattern.compile(
            "(?i).*(error|exception|failure|failed|forbidden|invalid|not found|refused|denied|code=\\d{3}|"
                    + "must|cannot|unable|missing|already exists).*");

    private StderrDigest() {
    }

    /** HTTP 409 together with "already exists" (the real API server says AlreadyExists, the CRUD mock Invalid). */
    static boolean driverAlreadyExists(List<String> lines) {
        String all = String.join("\n", lines).toLowerCase(Locale.ROOT);
        return all.contains("code=409") && all.contains("already exists");
    }

    /** The lines that say what went wrong, oldest first; the last lines as a fallback when nothing stands out. */
    static List<String> errorLines(List<String> lines) {
        List<String> useful = new ArrayList<>();
        for (String l : lines) {
            if (!NOISE.matcher(l).matches() && SIGNAL.matcher(l).matches() && !useful.contains(l.strip())) {
                useful.add(l.strip());
            }
        }
        if (useful.isEmpty()) {
            lines.stream().filter(l -> !NOISE.matcher(l).matches()).map(String::strip).forEach(useful::add);
        }
        return useful.size() <= MAX_ERROR_LINES ? useful : useful.subList(useful.size() - MAX_ERROR_LINES, useful.size());
    }
}
