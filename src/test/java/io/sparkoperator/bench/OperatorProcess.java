package io.sparkoperator.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Starts {@link BenchOperator} in a child JVM on the test class path and speaks its line protocol. */
final class OperatorProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    final long launchToReadyMillis;
    final long readyUptimeMillis;
    final long syncMillis;

    private OperatorProcess(Process process, long launchedNanos, Duration readyBound) throws Exception {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("operator-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        String[] ready = awaitLine("READY", readyBound).split(" ");
        launchToReadyMillis = (System.nanoTime() - launchedNanos) / 1_000_000;
        readyUptimeMillis = Long.parseLong(ready[1]);
        syncMillis = Long.parseLong(ready[2]);
    }

    /**
     * @param dispatcher {@code virtualN}, {@code unbounded} or {@code poolN}
     * @param submitter see {@link LoadSettings#submitter()}
     * @param log where the operator's stderr (its log) goes
     */
    static OperatorProcess launch(String apiUrl, String dispatcher, List<String> submitter, List<String> jvmOptions,
            Path log, Duration readyBound) throws Exception {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), BenchOperator.class.getName(), apiUrl, dispatcher));
        command.addAll(submitter);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().put("KUBECONFIG", "/dev/null");
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            return new OperatorProcess(process, launched, readyBound);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The operator's own figures (see BenchOperator#report). */
    Map<String, Object> report(Duration bound) throws Exception {
        commands.println("report");
        String json = awaitLine("REPORT", bound).substring("REPORT ".length());
        return new ObjectMapper().readValue(json, new TypeReference<>() { });
    }

    /** Waits until the operator finished {@code n} reconciliations and runs none; returns its uptime then. */
    long awaitReconciles(int n, Duration bound) throws Exception {
        commands.println("await " + n);
        return Long.parseLong(awaitLine("RECONCILED", bound).split(" ")[1]);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as a node loss or an OOM kill ends a pod: nothing is released, no last write goes out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private String awaitLine(String prefix, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = replies.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the operator process exited with " + process.exitValue()
                            + " before " + prefix + " (see its log)");
                }
                throw new IllegalStateException("no " + prefix + " from the operator within " + bound);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        commands.println("stop");
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
