package io.sparkoperator.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading spark-submit's stderr: is it "driver pod already exists", and which lines explain a failure. */
final class StderrDigest {
    static final int MAX_ERROR_LINES = 12;

    /** Log lines below WARN from log4j's default layout ("25/11/23 22:18:05 INFO Foo: ..."), and JVM chatter. */
    private static final Pattern NOISE = Pattern.compile(
            "^\\S+ \\S+ (INFO|DEBUG|TRACE) .*|^\\S+ \\S+ WARN NativeCodeLoader: .*|^\\s+at .*|^\\s*\\.\\.\\. \\d+ more.*|^Using Spark's default log4j.*"
                    + "|.*Please check \"kubectl auth can-i create pod\".*|^Picked up (JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS):.*|^\\s*$|^\\[[\\d.]+s]\\[.*");
    private static final Pattern SIGNAL = Pattern.compile(
            "(?i).*(error|exception|failure|failed|forbidden|invalid|not found|refused|denied|code=\\d{3}|"
                    + "must|cannot|unable|missing|already exists).*");

    /**
     * The API server could not be reached or could not answer: refused, reset or timed-out connections, DNS, or
     * HTTP 5xx / 429. A 4xx other than 429 is the request's fault and does not match.
     */
    private static final Pattern UNAVAILABLE = Pattern.compile("(?i).*(connection refused|connection reset|"
            + "connect timed out|read timed out|timed out waiting|sockettimeoutexception|httpconnecttimeoutexception|"
            + "httptimeoutexception|no route to host|unknownhostexception|network is unreachable|"
            + "code=(5\\d\\d|429)|too many requests|service unavailable|etcdserver: request timed out|"
            + "the server is currently unable to handle the request).*");
    /**
     * Spark's "Deployed Spark application NAME with application ID ID and submission ID ..." (plain or JSON log
     * line). Greedy before the ID: an app name that contains the phrase cannot put its own ID first.
     */
    private static final Pattern DEPLOYED = Pattern.compile(
            ".*Deployed Spark application .* with application ID ([A-Za-z0-9][A-Za-z0-9._-]{0,62}) and submission ID .*");
    /** Printed by every spark-submit on JDK 23+ (Hadoop asks for the Subject); never what went wrong. */
    private static final Pattern EVERY_RUN = Pattern.compile(".*getSubject is not supported.*");

    private StderrDigest() {
    }

    /**
     * The line that says the API server was unavailable, without a leading {@code Caused by:}; empty when the
     * failure is anything else.
     */
    static Optional<String> apiServerUnavailable(List<String> lines) {
        for (String line : lines) {
            if (UNAVAILABLE.matcher(line).matches() && !NOISE.matcher(line).matches()) {
                return Optional.of(line.strip().replaceFirst("^Caused by: ", ""));
            }
        }
        return Optional.empty();
    }

    /**
     * The Spark application ID a successful spark-submit said it deployed (the driver pod's spark-app-selector
     * label): known at SUBMITTED, one status write earlier than from the pod. Empty when no line says it.
     */
    static Optional<String> deployedApplicationId(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = DEPLOYED.matcher(lines.get(i));
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
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
        // Lead with what went wrong, not with the warning every run prints.
        List<String> everyRun = useful.stream().filter(l -> EVERY_RUN.matcher(l).matches()).toList();
        useful.removeAll(everyRun);
        useful.addAll(everyRun);
        return useful.size() <= MAX_ERROR_LINES ? useful : useful.subList(useful.size() - MAX_ERROR_LINES, useful.size());
    }
}
