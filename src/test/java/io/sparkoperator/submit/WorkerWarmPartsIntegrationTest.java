package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.testing.AssembledSparkHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the worker keeps warm on purpose, checked on the assembled Spark's own jars. Hadoop's configuration files are
 * served from memory, without their descriptions and comments, only where Hadoop reads the same properties from the
 * trimmed copy: the three default files Spark's jars carry are trimmed to well under half, a site file whose values
 * the trimming would change is served as found, and an absent one stays absent. And each fabric8 client Spark builds
 * is fabric8's own on the worker's one JSON mapping and one Vert.x instance. And Spark's default log4j profile is
 * the worker's (pattern and JSON consoles), which Spark does not rebuild, with nothing of a submission left on it.
 */
@Tag("integration")
class WorkerWarmPartsIntegrationTest {
    private static final Pattern LINE = Pattern.compile("(\\S+): (\\d+) bytes, served (\\d+) bytes, (trimmed|as found)");

    @TempDir
    Path classes;

    @Test
    @Timeout(120)
    void defaultsAreTrimmedAndAFileTheTrimWouldChangeIsServedAsFound() throws Exception {
        Files.writeString(classes.resolve("tricky-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <!-- a comment -->
                  <property><name>plain</name><value>1</value><description>dropped</description></property>
                  <property><name>odd</name><value><description>kept as the value</description></value></property>
                </configuration>
                """);
        Files.writeString(classes.resolve("plain-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>a</name><value>x</value><final>true</final><description>why</description></property>
                </configuration>
                """);
        List<String> out = run("io.sparkoperator.worker.HadoopConfigResources", "core-default.xml", "yarn-default.xml", "mapred-default.xml", "tricky-site.xml",
                "plain-site.xml", "core-site.xml");
        for (String name : List.of("core-default.xml", "yarn-default.xml", "mapred-default.xml")) {
            Matcher m = line(out, name);
            assertEquals("trimmed", m.group(4), name);
            assertTrue(Long.parseLong(m.group(3)) * 2 < Long.parseLong(m.group(2)), name + " under half: " + m.group());
        }
        assertEquals("as found", line(out, "tricky-site.xml").group(4), "a value the trim would empty");
        Matcher plain = line(out, "tricky-site.xml".replace("tricky", "plain"));
        assertEquals("trimmed", plain.group(4));
        assertTrue(out.contains("core-site.xml: absent"), String.join("\n", out));
    }

    @Test
    @Timeout(120)
    void everyClientSparkBuildsSharesTheWorkersMappingAndVertx() throws Exception {
        List<String> out = run("io.sparkoperator.worker.SharedClientParts");
        for (int i = 1; i <= 2; i++) {
            assertTrue(out.contains("client " + i + ": io.sparkoperator.worker.SharedSerializationClient, http"
                    + " io.sparkoperator.worker.SharedVertxHttpClientFactory, shared mapping true"),
                    String.join("\n", out));
        }
    }

    @Test
    @Timeout(120)
    void sparksDefaultLogProfileIsSetUpOnceAndNothingBuildsUpOnItsConsoles() throws Exception {
        List<String> out = run("io.sparkoperator.worker.SparkDefaultLogging");
        for (int i = 1; i <= 3; i++) {
            assertTrue(out.contains("run " + i + ": exit 0, consoles [console, console-json], Spark's filters on them 0,"
                    + " Spark's own profile false"), String.join("\n", out));
        }
    }

    private static Matcher line(List<String> out, String name) {
        for (String l : out) {
            Matcher m = LINE.matcher(l);
            if (m.matches() && m.group(1).equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no line for " + name + " in:\n" + String.join("\n", out));
    }

    /** Runs a worker class's main on the assembled Spark's jars and the worker's; its output lines. */
    private List<String> run(String mainClass, String... args) throws IOException, InterruptedException {
        Path home = AssembledSparkHome.require();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classes + File.pathSeparator + home.resolve("jars") + "/*" + File.pathSeparator
                + home.resolve(WorkerSettings.JAR_IN_SPARK_HOME), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished");
        assertEquals(0, process.exitValue(), text);
        return text.lines().toList();
    }
}
