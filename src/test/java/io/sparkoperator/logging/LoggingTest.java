package io.sparkoperator.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Log log = Log.of(LoggingTest.class);

    @AfterEach
    void restore() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private List<String> lines() {
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split(System.lineSeparator()));
    }

    @Test
    void plainLineCarriesLevelLoggerResourceMessageAndFields() {
        LoggingSetup.configure(new LogSettings(LogLevel.INFO, LogFormat.PLAIN), out);
        log.forResource("SparkApplication", "default", "spark-pi")
                .info("submitted", "submissionID", "a-b", "attempt", 2, "note", "two words");
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        // The resource once: no thread name (a reconciling thread is named after the resource it works on)
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO  i\\.s\\.l\\.LoggingTest "
                + "SparkApplication\\(default/spark-pi\\): submitted submissionID=a-b attempt=2 note=\"two words\""),
                line);
    }

    @Test
    void aLineAboutNoResourceNamesItsThread() throws InterruptedException {
        LoggingSetup.configure(new LogSettings(LogLevel.INFO, LogFormat.PLAIN), out);
        Thread thread = Thread.ofPlatform().name("leader-election").start(() -> log.info("lease acquired"));
        thread.join();
        assertTrue(lines().get(0).contains(" INFO  [leader-election] i.s.l.LoggingTest lease acquired"),
                lines().toString());
    }

    @Test
    void multiLineMessagesAndStackTracesStayOnOneLine() throws IOException {
        LoggingSetup.configure(new LogSettings(LogLevel.INFO, LogFormat.PLAIN), out);
        log.error("spark-submit failed:\nline two", new IllegalStateException("boom\nsecond"));
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("ERROR"));
        assertTrue(lines.get(0).contains("spark-submit failed:\\nline two"));
        assertTrue(lines.get(0).contains("error=\"java.lang.IllegalStateException: boom\\nsecond\""));
        assertFalse(lines.get(0).contains("stack="), "no stack trace below --log-level=debug: " + lines.get(0));
    }

    @Test
    void plainLinesShowCausesAndTheStackOnlyAtDebug() throws IOException {
        LoggingSetup.configure(new LogSettings(LogLevel.INFO, LogFormat.PLAIN), out);
        log.error("watch failed", new IllegalStateException("cannot list", new java.net.ConnectException()));
        String info = lines().get(0);
        assertTrue(info.contains("error=\"java.lang.IllegalStateException: cannot list; caused by "
                + "java.net.ConnectException\""), info);
        assertTrue(info.length() < 300, "a short line: " + info);
        out.reset();
        LoggingSetup.configure(new LogSettings(LogLevel.DEBUG, LogFormat.PLAIN), out);
        log.error("spark-submit failed", new IllegalStateException("boom"));
        String debug = lines().get(0);
        assertTrue(debug.contains("stack=") && debug.contains("at io.sparkoperator.logging.LoggingTest"), debug);
        assertEquals(1, lines().size(), "still one line");
    }

    @Test
    void jsonLineIsParseableWithAllFields() throws IOException {
        LoggingSetup.configure(new LogSettings(LogLevel.DEBUG, LogFormat.JSON), out);
        log.forResource("SparkApplication", "jobs", "etl").debug("state changed\n(retry)", "from", "RUNNING",
                "attempts", 3, "ok", true, "msg", "user field", "password", "hunter2");
        log.warn("conflict", new RuntimeException("409"));
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("DEBUG", first.get("level").asText());
        assertEquals("io.sparkoperator.logging.LoggingTest", first.get("logger").asText());
        assertEquals("SparkApplication(jobs/etl)", first.get("resource").asText());
        assertEquals("SparkApplication", first.get("kind").asText());
        assertEquals("jobs", first.get("namespace").asText());
        assertEquals("etl", first.get("name").asText());
        assertEquals("state changed\n(retry)", first.get("msg").asText());
        assertEquals("RUNNING", first.get("from").asText());
        assertEquals(3, first.get("attempts").asInt());
        assertTrue(first.get("ok").asBoolean());
        assertEquals("user field", first.get("field.msg").asText());
        assertEquals(SecretKeys.MASK, first.get("password").asText());
        assertFalse(lines.get(0).contains("hunter2"));
        assertTrue(first.get("time").asText().endsWith("Z"));

        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertEquals("WARN", second.get("level").asText());
        assertEquals("java.lang.RuntimeException: 409", second.get("error").asText());
        assertTrue(second.get("stacktrace").asText().contains("\n\tat io.sparkoperator.logging.LoggingTest"));
        assertFalse(second.has("resource"));
    }

    @Test
    void jsonLinesNameTheReplicaWhenSeveralShareTheWork() throws IOException {
        LoggingSetup.configure(new LogSettings(LogLevel.INFO, LogFormat.JSON), out);
        LogContext.replica("spark-operator-7c9f_1a2b3c4d");
        try {
            log.info("took shard 5");
        } finally {
            LogContext.replica(null);
        }
        log.info("alone");
        List<String> lines = lines();
        assertEquals("spark-operator-7c9f_1a2b3c4d", new ObjectMapper().readTree(lines.get(0)).get("replica").asText());
        assertFalse(new ObjectMapper().readTree(lines.get(1)).has("replica"));
    }

    @Test
    void levelFiltersAndDebugSuppliersAreNotEvaluatedWhenOff() {
        LoggingSetup.configure(new LogSettings(LogLevel.WARN, LogFormat.PLAIN), out);
        log.info("hidden");
        log.debug(() -> {
            throw new AssertionError("debug message built although debug is off");
        });
        log.warn("shown");
        log.error("shown too");
        assertEquals(2, lines().size(), lines().toString());
        assertFalse(log.isDebugEnabled());
    }

    @Test
    void contextTagsPlainJulAndSlf4jLinesFromTheSameThread() {
        LoggingSetup.configure(new LogSettings(LogLevel.INFO, LogFormat.PLAIN), out);
        LogContext.Scope scope = LogContext.open(new LogResource("SparkApplication", "ns", "app"));
        try {
            Logger.getLogger("io.fabric8.kubernetes.client.Example").log(Level.INFO, "watch {0} opened", "pods");
            org.slf4j.LoggerFactory.getLogger("io.fabric8.kubernetes.client.Slf4j").info("cache synced in {} ms", 12);
        } finally {
            scope.close();
        }
        Logger.getLogger("outside").info("untagged");
        List<String> lines = lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("i.f.k.c.Example SparkApplication(ns/app): watch pods opened"), lines.get(0));
        assertTrue(lines.get(1).endsWith("i.f.k.c.Slf4j SparkApplication(ns/app): cache synced in 12 ms"),
                lines.get(1));
        assertTrue(lines.get(2).endsWith("outside untagged"), lines.get(2));
    }

    @Test
    void levelsAndFormatsParseFlagValuesWithClearErrors() {
        assertEquals(LogLevel.WARN, LogLevel.parse("Warning"));
        assertEquals(Level.FINE, LogLevel.parse("debug").julLevel());
        assertEquals(LogFormat.PLAIN, LogFormat.parse("console"));
        assertEquals(new LogSettings(LogLevel.INFO, LogFormat.JSON), LogSettings.parse("", "json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("verbose"));
        assertEquals("log level 'verbose' is not one of debug, info, warn, error", e.getMessage());
    }

    @Test
    void secretLookingKeysAreMasked() {
        assertTrue(SecretKeys.looksSecret("spark.kubernetes.authenticate.oauthToken"));
        assertTrue(SecretKeys.looksSecret("AWS_SECRET_ACCESS_KEY"));
        assertTrue(SecretKeys.looksSecret("db.password"));
        assertTrue(SecretKeys.looksSecret("GOOGLE_APPLICATION_CREDENTIALS"));
        assertFalse(SecretKeys.looksSecret("spark.executor.instances"));
        assertEquals("4", SecretKeys.redact("spark.executor.instances", "4"));
    }
}
