package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SparkSubmitRunnerTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(30)
    void argumentsReachTheChildVerbatimWithoutAShell() throws Exception {
        Path out = tmp.resolve("args.txt");
        Path home = FakeSparkHome.with(tmp.resolve("spark"), "printf '%s\\n' \"$@\" > \"$OUT\"");
        List<String> args = List.of("--conf", "spark.x=a b", "$(touch " + tmp.resolve("pwned") + ")", "*", "'q'");
        try (SparkSubmitRunner runner = new SparkSubmitRunner(
                FakeSparkHome.config(home, tmp).withChildEnv("OUT", out.toString()))) {
            ProcessRun run = runner.run(args);
            assertEquals(0, assertInstanceOf(ProcessRun.Exited.class, run).exitCode());
        }
        assertEquals(args, Files.readAllLines(out));
        assertFalse(Files.exists(tmp.resolve("pwned")));
    }

    @Test
    @Timeout(30)
    void childGetsKubeconfigSparkHomeJavaHomeAndTunedJvmOptions() throws Exception {
        Path out = tmp.resolve("env.txt");
        Path home = FakeSparkHome.with(tmp.resolve("spark"),
                "printf '%s\\n' \"$KUBECONFIG\" \"$SPARK_HOME\" \"$JAVA_HOME\" \"$SPARK_SUBMIT_OPTS\" > \"$OUT\"");
        Path jdk = fakeJdk("21.0.5");
        SubmitterConfig config = FakeSparkHome.config(home, tmp).withJavaHome(jdk)
                .withKubeconfig(Path.of("/dev/null")).withChildEnv("OUT", out.toString());
        try (SparkSubmitRunner runner = new SparkSubmitRunner(config)) {
            runner.run(List.of());
        }
        List<String> env = Files.readAllLines(out);
        assertEquals(List.of("/dev/null", home.toString(), jdk.toString()), env.subList(0, 3));
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="
                + tmp.resolve("cds").resolve("spark-submit.jsa"), env.get(3));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("cds"))));
    }

    @Test
    @Timeout(30)
    void onJdk25TheFirstRunTrainsTheAotCacheAndLaterRunsUseIt() throws Exception {
        Path out = tmp.resolve("opts.txt");
        // Stands in for the JVM: writes the file named by -XX:AOTCacheOutput, as a training run does on exit.
        Path home = FakeSparkHome.with(tmp.resolve("spark"), "echo \"$SPARK_SUBMIT_OPTS\" >> \"$OUT\"; "
                + "case \"$SPARK_SUBMIT_OPTS\" in *AOTCacheOutput=*) f=${SPARK_SUBMIT_OPTS##*AOTCacheOutput=}; "
                + "echo cache > \"${f%% *}\";; esac");
        SubmitterConfig config = FakeSparkHome.config(home, tmp).withJavaHome(fakeJdk("25.0.1"))
                .withChildEnv("OUT", out.toString());
        try (SparkSubmitRunner runner = new SparkSubmitRunner(config)) {
            runner.run(List.of());
            runner.run(List.of());
        }
        Path cache = tmp.resolve("cds").resolve("spark-submit.aot");
        assertEquals(List.of("-XX:TieredStopAtLevel=1 -XX:AOTCacheOutput=" + cache + ".training",
                "-XX:TieredStopAtLevel=1 -XX:AOTCache=" + cache), Files.readAllLines(out));
        assertTrue(Files.isRegularFile(cache));
    }

    private Path fakeJdk(String version) throws java.io.IOException {
        Path jdk = Files.createDirectories(tmp.resolve("jdk-" + version));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return jdk;
    }

    @Test
    @Timeout(30)
    void archiveIsSkippedOnOldJdksAndTuningCanBeSwitchedOff() throws Exception {
        Path out = tmp.resolve("opts.txt");
        Path home = FakeSparkHome.with(tmp.resolve("spark"), "printf '%s\\n' \"${SPARK_SUBMIT_OPTS-unset}\" > \"$OUT\"");
        Path jdk17 = fakeJdk("17.0.12");
        SubmitterConfig base = FakeSparkHome.config(home, tmp).withChildEnv("OUT", out.toString());
        try (SparkSubmitRunner runner = new SparkSubmitRunner(base.withJavaHome(jdk17))) {
            runner.run(List.of());
        }
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), Files.readAllLines(out));
        try (SparkSubmitRunner runner = new SparkSubmitRunner(base.withChildJvm(ChildJvmOptions.jdkDefaults()))) {
            runner.run(List.of());
        }
        assertTrue(List.of("unset", "").contains(Files.readAllLines(out).get(0)), "no options added when off");
    }

    @Test
    @Timeout(30)
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("grandchild.pid");
        Path home = FakeSparkHome.with(tmp.resolve("spark"),
                "sleep 300 & echo $! > \"$OUT\"; echo 'still waiting for the API server' >&2; sleep 300");
        SubmitterConfig config = FakeSparkHome.config(home, tmp).withTimeout(Duration.ofSeconds(2))
                .withChildEnv("OUT", pidFile.toString());
        long start = System.nanoTime();
        ProcessRun run;
        try (SparkSubmitRunner runner = new SparkSubmitRunner(config)) {
            run = runner.run(List.of());
            assertEquals(0, runner.runningCount());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        ProcessRun.Killed killed = assertInstanceOf(ProcessRun.Killed.class, run);
        assertTrue(killed.reason().contains("did not finish within 2s"), killed::reason);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took::toString);
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertFalse(running(grandchild), "grandchild survived");
        assertInstanceOf(SubmitResult.TimedOut.class, Submitter.classify(run, "d", List.of()));
    }

    @Test
    @Timeout(30)
    void stderrIsBoundedAndItsTailKept() throws Exception {
        Path home = FakeSparkHome.with(tmp.resolve("spark"),
                "yes '25/11/23 22:18:05 INFO Noise: chatter' | head -n 200000 >&2;"
                        + " echo 'Exception in thread \"main\" org.apache.spark.SparkException: boom' >&2; exit 3");
        SubmitterConfig config = new SubmitterConfig(home, "k8s://x", null, Duration.ofSeconds(20), 1,
                ChildJvmOptions.jdkDefaults(), tmp, null, null, 4096);
        try (SparkSubmitRunner runner = new SparkSubmitRunner(config)) {
            ProcessRun.Exited run = assertInstanceOf(ProcessRun.Exited.class, runner.run(List.of()));
            assertEquals(3, run.exitCode());
            assertTrue(String.join("\n", run.stderr()).length() <= 4096 + OutputTail.MAX_LINE, "bounded");
            SubmitResult.Failed failed = assertInstanceOf(SubmitResult.Failed.class, Submitter.classify(run, "d", List.of()));
            assertEquals(List.of("Exception in thread \"main\" org.apache.spark.SparkException: boom"), failed.errorLines());
        }
    }

    @Test
    @Timeout(30)
    void alreadyExistsIsRecognisedFromStderr() throws Exception {
        Path home = FakeSparkHome.with(tmp.resolve("spark"), """
                echo 'Exception in thread "main" io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: POST at: https://10.0.0.1/api/v1/namespaces/default/pods. Message: pods "spark-pi-driver" already exists. Received status: Status(apiVersion=v1, code=409, reason=AlreadyExists)' >&2
                exit 1""");
        try (SparkSubmitRunner runner = new SparkSubmitRunner(FakeSparkHome.config(home, tmp))) {
            SubmitResult r = Submitter.classify(runner.run(List.of()), "spark-pi-driver", List.of());
            assertEquals("spark-pi-driver", assertInstanceOf(SubmitResult.DriverAlreadyExists.class, r).driverPodName());
        }
    }

    @Test
    @Timeout(30)
    void aJvmThatCannotStartIsExplainedFromStdout() throws Exception {
        Path home = FakeSparkHome.with(tmp.resolve("spark"), """
                echo 'Error occurred during initialization of VM'
                echo 'java.lang.Error: Enabling a Security Manager is not supported.'
                exit 1""");
        try (SparkSubmitRunner runner = new SparkSubmitRunner(FakeSparkHome.config(home, tmp))) {
            SubmitResult r = Submitter.classify(runner.run(List.of()), "d", List.of());
            assertEquals(List.of("Error occurred during initialization of VM",
                    "java.lang.Error: Enabling a Security Manager is not supported."),
                    assertInstanceOf(SubmitResult.Failed.class, r).errorLines());
        }
    }

    @Test
    @Timeout(60)
    void atMostTheConfiguredNumberRunAtOnce() throws Exception {
        Path out = tmp.resolve("overlaps.txt");
        Path lock = tmp.resolve("lock");
        Path home = FakeSparkHome.with(tmp.resolve("spark"),
                "mkdir \"$LOCK\" 2>/dev/null || echo overlap >> \"$OUT\"; sleep 0.4; rmdir \"$LOCK\" 2>/dev/null; exit 0");
        SubmitterConfig config = FakeSparkHome.config(home, tmp).withMaxConcurrentSubmits(1)
                .withChildEnv("OUT", out.toString()).withChildEnv("LOCK", lock.toString());
        long start = System.nanoTime();
        try (SparkSubmitRunner runner = new SparkSubmitRunner(config);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProcessRun>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> runner.run(List.of())));
            }
            for (Future<ProcessRun> f : runs) {
                assertEquals(0, assertInstanceOf(ProcessRun.Exited.class, f.get()).exitCode());
            }
        }
        assertFalse(Files.exists(out), "two spark-submits ran at once");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1200, "runs were serialised");
    }

    @Test
    @Timeout(30)
    void closeKillsRunningChildren() throws Exception {
        Path home = FakeSparkHome.with(tmp.resolve("spark"), "sleep 300");
        SparkSubmitRunner runner = new SparkSubmitRunner(FakeSparkHome.config(home, tmp));
        Thread t = Thread.ofVirtual().start(() -> runner.run(List.of()));
        while (runner.runningCount() == 0) {
            Thread.sleep(20);
        }
        runner.close();
        t.join(Duration.ofSeconds(10));
        assertFalse(t.isAlive(), "run() still blocked after close()");
        assertTrue(assertInstanceOf(ProcessRun.Killed.class, runner.run(List.of())).reason().contains("shut down"));
    }

    /**
     * Alive and not a zombie: a killed orphan stays a zombie where PID 1 does not reap (as in this sandbox), and
     * {@link ProcessHandle#isAlive()} counts zombies as alive.
     */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void missingSparkHomeIsAClearError() {
        IllegalStateException unset = assertThrows(IllegalStateException.class,
                () -> new Submitter(SubmitterConfig.defaults(null, "k8s://x")));
        assertTrue(unset.getMessage().contains("SPARK_HOME is not set"), unset::getMessage);
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> new Submitter(SubmitterConfig.defaults(tmp, "k8s://x")));
        assertTrue(empty.getMessage().contains("has no executable bin/spark-submit"), empty::getMessage);
    }
}
