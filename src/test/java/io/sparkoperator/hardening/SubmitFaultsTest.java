package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.state.Decision;
import io.sparkoperator.state.Observation;
import io.sparkoperator.state.StateMachine;
import io.sparkoperator.state.SubmissionOutcome;
import io.sparkoperator.submit.ChildJvmOptions;
import io.sparkoperator.submit.SubmitResult;
import io.sparkoperator.submit.Submitter;
import io.sparkoperator.submit.SubmitterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spark-submit misbehaving, with small fake spark-submit scripts (lifecycle tier): hanging, killed by a signal,
 * missing at start-up or vanishing later. Each ends as a result the state machine turns into SUBMISSION_FAILED /
 * FAILED with a message, no child process is left behind, and the next submission works again.
 */
class SubmitFaultsTest {
    @TempDir
    Path dir;

    private Submitter submitter(String scriptBody, Duration timeout) throws Exception {
        RecordingSparkHome home = RecordingSparkHome.create(dir.resolve("spark"), scriptBody);
        return new Submitter(config(home.home).withTimeout(timeout));
    }

    private SubmitterConfig config(Path sparkHome) {
        return SubmitterConfig.defaults(sparkHome, BadInputSubmitterTest.MASTER)
                .withChildJvm(ChildJvmOptions.jdkDefaults()).withWorkDir(dir.resolve("work"));
    }

    private static SparkApplication sparkPi() {
        return BadInputSubmitterTest.read(Manifest.example(Manifest.SPARK_PI));
    }

    @Test
    void aHangingSparkSubmitIsKilledWithItsChildrenAtTheTimeoutAndTheAppFailsWithAMessage() throws Exception {
        Path pids = dir.resolve("pids");
        String body = "sleep 300 & echo $$ $! > " + pids + "; wait";
        try (Submitter submitter = submitter(body, Duration.ofSeconds(2))) {
            long start = System.nanoTime();
            SubmitResult result = submitter.submit(sparkPi(), UUID.randomUUID().toString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            SubmitResult.TimedOut timedOut = assertInstanceOf(SubmitResult.TimedOut.class, result);
            assertTrue(timedOut.message().contains("did not finish within 2s and was killed"), timedOut.message());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "returned soon after the timeout: " + took);
            for (String pid : Files.readString(pids).strip().split(" ")) {
                assertTrue(gone(Long.parseLong(pid), Duration.ofSeconds(10)),
                        "process " + pid + " (spark-submit or its child) is gone");
            }
            SparkApplicationStatus status = afterSubmission(new SubmissionOutcome.TimedOut(timedOut.timeout()));
            assertTrue(List.of(AppState.SUBMISSION_FAILED, AppState.FAILED).contains(status.state()), "" + status);
            assertTrue(status.applicationState().errorMessage().contains("timed out after 2s"),
                    status.applicationState().errorMessage());
        }
    }

    @Test
    void aSparkSubmitKilledBySignalEndsAsAFailureWithItsExitCode() throws Exception {
        try (Submitter submitter = submitter("echo 'about to die' >&2; kill -KILL $$", Duration.ofSeconds(30))) {
            SubmitResult.Failed failed = assertInstanceOf(SubmitResult.Failed.class,
                    submitter.submit(sparkPi(), UUID.randomUUID().toString()));
            assertEquals(137, failed.exitCode(), "128 + SIGKILL");
            assertTrue(failed.message().contains("code 137"), failed.message());
            SparkApplicationStatus status = afterSubmission(new SubmissionOutcome.Failed(failed.message()));
            assertTrue(List.of(AppState.SUBMISSION_FAILED, AppState.FAILED).contains(status.state()), "" + status);
            assertTrue(status.applicationState().errorMessage().contains("code 137"),
                    status.applicationState().errorMessage());
        }
    }

    @Test
    void aSparkSubmitStoppedBySigtermIsAFailureToo() throws Exception {
        try (Submitter submitter = submitter("kill -TERM $$", Duration.ofSeconds(30))) {
            SubmitResult.Failed failed = assertInstanceOf(SubmitResult.Failed.class,
                    submitter.submit(sparkPi(), UUID.randomUUID().toString()));
            assertEquals(143, failed.exitCode(), "128 + SIGTERM");
        }
    }

    @Test
    void withoutSparkHomeTheOperatorRefusesToStartAndSaysWhatToSet() {
        IllegalStateException unset = assertThrows(IllegalStateException.class,
                () -> new Submitter(config(null)));
        assertTrue(unset.getMessage().contains("SPARK_HOME is not set"), unset.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> new Submitter(config(dir.resolve("no-spark-here"))));
        assertTrue(empty.getMessage().contains("has no executable bin/spark-submit"), empty.getMessage());
    }

    @Test
    void aSparkHomeThatVanishesAfterStartFailsOneSubmissionWithAMessageAndRecovers() throws Exception {
        RecordingSparkHome home = RecordingSparkHome.create(dir.resolve("spark"), "exit 0");
        try (Submitter submitter = new Submitter(config(home.home))) {
            Path script = home.home.resolve("bin/spark-submit");
            Path moved = dir.resolve("spark-submit.moved");
            Files.move(script, moved);
            SubmitResult.Failed failed = assertInstanceOf(SubmitResult.Failed.class,
                    submitter.submit(sparkPi(), UUID.randomUUID().toString()));
            assertTrue(failed.message().contains("could not start"), failed.message());
            Files.move(moved, script);
            assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(sparkPi(), UUID.randomUUID().toString()));
        }
    }

    /** Ended within the wait: no such process, or only a zombie (this container's init may not reap orphans). */
    private static boolean gone(long pid, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!Files.exists(stat)) {
                return true;
            }
            String s = Files.readString(stat);
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The status the state machine writes after a submission of a new spark-pi ended with this outcome. */
    private static SparkApplicationStatus afterSubmission(SubmissionOutcome outcome) {
        StateMachine machine = new StateMachine(Clock.systemUTC());
        SparkApplication app = sparkPi();
        Decision submit = machine.decide(app, Observation.nothing());
        assertTrue(submit.submit().isPresent(), "a new app is submitted");
        app.setStatus(submit.status());
        return machine.afterSubmission(app, outcome).status();
    }
}
