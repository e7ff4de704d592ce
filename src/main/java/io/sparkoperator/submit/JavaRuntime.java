package io.sparkoperator.submit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which Java a child runs on, read from the JDK's {@code release} file (no JVM started to ask). */
final class JavaRuntime {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)(?:\\.(\\d+))?");

    private JavaRuntime() {
    }

    /** The feature version (17, 21, 25, ...), or 0 when it cannot be read. */
    static int featureVersion(Path javaHome) {
        if (javaHome == null) {
            return 0;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(javaHome.resolve("release")));
            if (!m.find()) {
                return 0;
            }
            int first = Integer.parseInt(m.group(1));
            return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
