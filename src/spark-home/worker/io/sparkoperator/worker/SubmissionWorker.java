package io.sparkoperator.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's main class. Started by the operator as
 * {@code java <options> -cp <Spark's jars>:spark-submit-worker.jar
 * io.sparkoperator.worker.SubmissionWorker <spark-kubernetes jar>}, it reads one request per line on stdin
 * ({@code {"args":[...]}}, the argument vector spark-submit would get) and answers each on stdout with a line
 * {@code <PREFIX>done {"exit":..,"output":[..],"heapLiveBytes":..,"cpuNanos":..}}: the exit code and output
 * spark-submit would have had, the heap in use after the last collections and the worker's CPU time so far. It
 * says {@code <PREFIX>ready {"pid":..}} once started. Other lines on stdout (JVM warnings) are not protocol.
 * It ends when stdin closes.
 */
public final class SubmissionWorker {
    /** Starts every protocol line; the operator's side has the same constant. */
    static final String PREFIX = "\u0001spark-submit-worker ";
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private SubmissionWorker() {
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length != 1) {
            System.err.println("usage: SubmissionWorker <spark-kubernetes jar>[" + File.pathSeparator + "...]");
            System.exit(2);
        }
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        CapturedOutput captured = new CapturedOutput(MAX_OUTPUT_BYTES);
        PrintStream console = new PrintStream(captured, true, StandardCharsets.UTF_8);
        // Before Spark's logging starts: its console appender keeps the System.err it finds.
        System.setOut(console);
        System.setErr(console);
        SparkDefaultLogging.install();
        ObjectMapper json = new ObjectMapper();
        OneSubmission submission = new OneSubmission(urls(argv[0]), console);
        send(protocol, json, "ready", Map.of("pid", ProcessHandle.current().pid()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int exit;
            try {
                exit = submission.run(arguments(json.readTree(line)));
            } catch (IOException | IllegalArgumentException e) {
                console.println("submission worker: unreadable request: " + e.getMessage());
                exit = 2;
            }
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("exit", exit);
            done.put("output", captured.takeLines());
            done.put("heapLiveBytes", heapLiveBytes());
            done.put("cpuNanos", cpuNanos());
            send(protocol, json, "done", done);
        }
        // Stdin closed: the operator is done with this worker. Non-daemon threads Spark left must not keep it.
        System.exit(0);
    }

    private static String[] arguments(JsonNode request) {
        JsonNode args = request.get("args");
        if (args == null || !args.isArray()) {
            throw new IllegalArgumentException("no \"args\" array");
        }
        List<String> out = new ArrayList<>(args.size());
        args.forEach(arg -> out.add(arg.asText()));
        return out.toArray(String[]::new);
    }

    private static void send(PrintStream protocol, ObjectMapper json, String kind, Map<String, Object> body)
            throws IOException {
        protocol.println(PREFIX + kind + " " + json.writeValueAsString(body));
    }

    private static URL[] urls(String paths) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String path : paths.split(File.pathSeparator)) {
            urls.add(Path.of(path).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** Heap still in use after each pool's last collection: what a leak would grow. */
    private static long heapLiveBytes() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            live += afterGc == null ? 0 : afterGc.getUsed();
        }
        return live;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
