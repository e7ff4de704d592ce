package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's side of the worker protocol: requests it writes, and which worker lines are answers. */
class WorkerProtocolTest {
    @Test
    void aRequestCarriesTheArgumentVectorUnchanged() {
        List<String> args = List.of("--conf", "spark.x=a \"quoted\" value\nwith a newline", "local:///app.jar");

        String line = WorkerProtocol.request(args);

        assertTrue(line.indexOf('\n') < 0, "one line per request");
        assertEquals("{\"args\":[\"--conf\",\"spark.x=a \\\"quoted\\\" value\\nwith a newline\",\"local:///app.jar\"]}",
                line);
    }

    @Test
    void answersAreReadOthersAreNot() {
        assertEquals(Optional.of(new WorkerProtocol.Reply.Ready(42)),
                WorkerProtocol.parse(WorkerProtocol.PREFIX + "ready {\"pid\":42}"));
        assertEquals(Optional.of(new WorkerProtocol.Reply.Done(1, List.of("Exception in thread \"main\" x", "\tat y"),
                        2048, 5_000_000)),
                WorkerProtocol.parse(WorkerProtocol.PREFIX + "done {\"exit\":1,\"output\":[\"Exception in thread"
                        + " \\\"main\\\" x\",\"\\tat y\"],\"heapLiveBytes\":2048,\"cpuNanos\":5000000}"));
        assertEquals(Optional.empty(), WorkerProtocol.parse("OpenJDK 64-Bit Server VM warning: done {\"exit\":0}"),
                "a JVM warning on stdout is not an answer");
        assertEquals(Optional.empty(), WorkerProtocol.parse(WorkerProtocol.PREFIX + "done {not json"));
        assertEquals(Optional.empty(), WorkerProtocol.parse(WorkerProtocol.PREFIX + "later {}"));
    }

    @Test
    void aWorkerRunsOnTheChildJdkWithItsTuningSparksJarsAndTheWorkerJar() {
        SubmitterConfig config = SubmitterConfig.defaults(java.nio.file.Path.of("/opt/spark"), "k8s://x")
                .withJavaHome(java.nio.file.Path.of("/jdk"));

        List<String> command = WorkerProcess.command(config, WorkerSettings.defaults(), 25);

        assertEquals("/jdk/bin/java", command.get(0));
        assertTrue(command.contains("-XX:TieredStopAtLevel=1"), command::toString);
        assertTrue(command.containsAll(WorkerSettings.DEFAULT_JVM_OPTIONS), command::toString);
        assertTrue(command.stream().noneMatch(o -> o.startsWith("-XX:AOTCache") || o.startsWith("-XX:Shared")),
                "no start-up cache: a worker starts once per hundreds of submissions");
        int cp = command.indexOf("-cp");
        assertEquals("/opt/spark/jars/*:/opt/spark/operator/spark-submit-worker.jar", command.get(cp + 1));
        assertEquals(WorkerProcess.MAIN_CLASS, command.get(cp + 2));
    }

    @Test
    void modesParseInAnyCase() {
        assertEquals(SubmissionMode.WARM, SubmissionMode.parse(" Warm "));
        assertEquals(SubmissionMode.COLD, SubmissionMode.parse("cold"));
        assertEquals("cold", SubmissionMode.COLD.flagValue());
    }
}
