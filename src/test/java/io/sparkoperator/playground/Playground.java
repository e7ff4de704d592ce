package io.sparkoperator.playground;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sparkoperator.Operator;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.config.OperatorConfig;
import io.sparkoperator.config.OperatorFlags;
import io.sparkoperator.logging.LoggingSetup;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.submit.SubmissionMode;
import io.sparkoperator.testing.SimulatedKubelet;
import io.sparkoperator.testing.SparkMockApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code make playground [FILE=examples/x.yaml]}: an in-process Kubernetes API, a simulated kubelet, the real
 * operator and the real spark-submit; applies one manifest and reports until the application ends (a SparkConnect:
 * until its server is Ready, then says how a client connects).
 */
public final class Playground {
    // Pending long enough for spark-submit to finish and the operator to record SUBMITTED first, as on a cluster
    // where pulling the image takes a while.
    private static final Duration PENDING = Duration.ofSeconds(10);
    private static final Duration RUNNING = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final List<Logger> QUIET = new ArrayList<>();
    private static final String SIMULATED = """
            ------------------------------------------------------------------------------------------------
             PLAYGROUND: the Kubernetes API runs in this process and pods are SIMULATED (no container runs,
             no image is pulled; a simulated kubelet moves each pod Pending -> Running -> Succeeded/Failed).
             The operator and spark-submit (Spark 4.1.1) are the real ones.
            ------------------------------------------------------------------------------------------------""";

    private Playground() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path project = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
        Path manifest = args.length > 0 ? Path.of(args[0]) : project.resolve("examples/spark-pi.yaml");
        Path sparkHome = Path.of(System.getenv().getOrDefault("SPARK_HOME", project.resolve("target/spark-home")
                .toString()));
        if (!Files.isExecutable(sparkHome.resolve("bin/spark-submit"))) {
            System.err.println("No Spark at " + sparkHome + ": run `make spark-home` first, or `make playground`.");
            System.exit(2);
        }
        GenericKubernetesResource resource;
        try {
            resource = read(manifest);
        } catch (NoSuchFileException e) {
            System.err.println("playground: no such file: " + manifest + " (FILE= names a SparkApplication or"
                    + " ScheduledSparkApplication manifest, e.g. FILE=examples/spark-pi.yaml)");
            System.exit(2);
            return;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("playground: cannot run " + manifest + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        out.println(SIMULATED);

        quietLogs();
        KubernetesMockServer server = SparkMockApiServer.start();
        String api = "http://" + server.getHostName() + ":" + server.getPort();
        KubernetesClient client = server.createClient();
        installCrds(client, project.resolve("crds"));
        String namespace = resource.getMetadata().getNamespace() == null ? "default"
                : resource.getMetadata().getNamespace();
        resource.getMetadata().setNamespace(namespace);

        CompletableFuture<String> end = new CompletableFuture<>();
        CompletableFuture<String> endState = new CompletableFuture<>();
        boolean scheduled = resource.getKind().equals(ApiGroup.SCHEDULED_SPARK_APPLICATION);
        boolean connect = resource.getKind().equals(ApiGroup.SPARK_CONNECT);
        if (connect) {
            holdServerRunning(resource);
        }
        String name = resource.getMetadata().getName();
        PlaygroundReport report = new PlaygroundReport(client, namespace, out, (app, state) -> {
            if (connect && app.equals(name) && PlaygroundReport.CONNECT_ENDS.contains(state)) {
                end.complete(app + " " + state);
                endState.complete(state);
            }
            // A ScheduledSparkApplication's runs are SparkApplications too: the first one to end ends the show.
            if (!connect && PlaygroundReport.TERMINAL.contains(state) && (scheduled || app.equals(name))) {
                end.complete(app + " " + state);
                endState.complete(state);
            }
        });
        SimulatedKubelet.builder(client).namespace(namespace)
                .automatic(PENDING, RUNNING, 1).onTransition(report::pod).start();

        startOperator(api, sparkHome, namespace, project.resolve("target/playground"));
        report.line("operator starting against the in-process API " + api);
        report.line("applying " + manifest);
        client.genericKubernetesResources(contextOf(resource)).inNamespace(namespace).resource(resource).create();

        int exit;
        try {
            report.line("ended: " + end.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            // A script can tell: 0 only when the application COMPLETED (a SparkConnect: its server is Ready).
            exit = endState.getNow("").equals(connect ? "Ready" : "COMPLETED") ? 0 : 1;
        } catch (TimeoutException e) {
            report.line("gave up after " + TIMEOUT.toMinutes() + " minutes without an end state");
            exit = 1;
        }
        Thread.sleep(1000); // the Events that follow the end state
        printFinalStatus(client, namespace, out);
        out.println(SIMULATED);
        if (connect) {
            printConnectHowTo(client, namespace, name, out);
        }
        out.println("""
                On a real cluster (README, "Install on a cluster"; docs/deploying.md):
                  make image && make deploy       # or: kubectl apply -k kustomize/base
                  kubectl apply -f %s
                  kubectl get %s -w         # kubectl describe %s <name> shows the Events
                """.formatted(shown(project, manifest), connect ? "sparkconn" : "sparkapp",
                connect ? "sparkconn" : "sparkapp"));
        // Exiting stops the operator (its shutdown hook), the kubelet and the API together; closing informers
        // first can stall the mock server's event loop for many seconds.
        System.exit(exit);
    }

    private static void startOperator(String api, Path sparkHome, String namespace, Path workDir)
            throws Exception {
        // The operator's client configures itself from these, never from a kubeconfig (make playground also sets
        // KUBECONFIG=/dev/null, so spark-submit does not send your credentials to the in-process API either).
        System.setProperty("kubernetes.master", api);
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        String[] args = {
            "--namespaces=" + namespace,
            "--spark-home=" + sparkHome,
            "--spark-submit-master=k8s://" + api,
            "--metrics-bind-address=:0",
            "--health-probe-bind-address=:0",
            "--log-level=warn",
            "--work-dir=" + workDir,
            "--shutdown-timeout=5s",
            "--submission-mode=" + submissionMode()};
        // As Main does, with one logger more: the redacted spark-submit command and how long it took.
        OperatorConfig config = OperatorFlags.parse(args, Map.of());
        LoggingSetup.configure(config.logging());
        quietLogs(); // the setup reset every logger's level
        for (String logger : List.of("io.sparkoperator.submit.SparkSubmitRunner", "io.sparkoperator.submit.Submitter")) {
            Logger submits = Logger.getLogger(logger);
            submits.setLevel(Level.FINE);
            QUIET.add(submits);
        }
        System.out.println("submission: " + (config.submissionWorker().mode() == SubmissionMode.WARM
                ? "warm (a submission worker JVM runs spark-submit; SUBMISSION_MODE=cold for a new JVM each time)"
                : "cold (a new spark-submit JVM per submission; SUBMISSION_MODE=warm for the submission worker)"));
        Operator operator = Operator.start(config, Map.of());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(operator::shutdown));
    }

    /** {@code SUBMISSION_MODE} from the environment (warm or cold), warm when unset. */
    private static String submissionMode() {
        return System.getenv().getOrDefault("SUBMISSION_MODE", "warm");
    }

    /** Keeps the output to the report: the mock server logs every request, fabric8 warns about v1beta2 once. */
    private static void quietLogs() {
        for (String name : List.of("io.fabric8.mockwebserver", "io.fabric8.kubernetes.client.dsl.internal",
                "io.vertx")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.SEVERE);
            QUIET.add(logger); // the JDK holds loggers weakly: keep them, or their level is lost
        }
        // fabric8 warns once per type; have it done while quiet
        VersionUsageUtils.log("sparkapplications", ApiGroup.VERSION);
        VersionUsageUtils.log("scheduledsparkapplications", ApiGroup.VERSION);
        VersionUsageUtils.log("sparkconnects", ApiGroup.VERSION_V1ALPHA1);
    }

    /**
     * A real Spark Connect server runs until stopped; the simulated kubelet would end its pod after a while, so the
     * server pod template asks it to hold the pod Running.
     */
    @SuppressWarnings("unchecked")
    private static void holdServerRunning(GenericKubernetesResource resource) {
        Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
        Map<String, Object> server = (Map<String, Object>) spec.computeIfAbsent("server", k -> new LinkedHashMap<>());
        Map<String, Object> template = (Map<String, Object>) server.computeIfAbsent("template",
                k -> new LinkedHashMap<>());
        Map<String, Object> metadata = (Map<String, Object>) template.computeIfAbsent("metadata",
                k -> new LinkedHashMap<>());
        Map<String, Object> annotations = (Map<String, Object>) metadata.computeIfAbsent("annotations",
                k -> new LinkedHashMap<>());
        annotations.put(SimulatedKubelet.HOLD_ANNOTATION, "Running");
    }

    private static void printConnectHowTo(KubernetesClient client, String namespace, String name, PrintStream out) {
        GenericKubernetesResource connect = client.genericKubernetesResources(PlaygroundReport.CONNECTS)
                .inNamespace(namespace).withName(name).get();
        Object status = connect == null ? null : connect.getAdditionalProperties().get("status");
        Object server = status instanceof Map<?, ?> map ? map.get("server") : null;
        Object service = server instanceof Map<?, ?> map ? map.get("serviceName") : null;
        out.println("\nFinal status of SparkConnect " + namespace + "/" + name + ":");
        out.print(ApiJson.toYaml(Map.of("status", status == null ? Map.of() : status)));
        out.println("""

                A Spark Connect client reaches this server at  sc://%1$s.%2$s:15002  (from inside the cluster);
                from your machine:  kubectl port-forward -n %2$s svc/%1$s 15002  then  sc://localhost:15002, e.g.
                  pyspark --remote sc://localhost:15002
                """.formatted(service, namespace));
    }

    /** The manifest as a user in the project would type it: relative inside the project, absolute outside. */
    private static Path shown(Path project, Path manifest) {
        Path absolute = manifest.toAbsolutePath().normalize();
        return absolute.startsWith(project) ? project.relativize(absolute) : absolute;
    }

    private static GenericKubernetesResource read(Path manifest) throws IOException {
        GenericKubernetesResource resource;
        try (InputStream in = Files.newInputStream(manifest)) {
            resource = ApiJson.serialization().unmarshal(in, GenericKubernetesResource.class);
        }
        String kind = resource == null ? "" : resource.getKind();
        if (!List.of(ApiGroup.SPARK_APPLICATION, ApiGroup.SCHEDULED_SPARK_APPLICATION, ApiGroup.SPARK_CONNECT)
                .contains(kind)) {
            throw new IllegalArgumentException(manifest + " holds a " + kind
                    + "; the playground runs one SparkApplication, ScheduledSparkApplication or SparkConnect");
        }
        return resource;
    }

    private static ResourceDefinitionContext contextOf(GenericKubernetesResource resource) {
        if (resource.getKind().equals(ApiGroup.SPARK_CONNECT)) {
            return PlaygroundReport.CONNECTS;
        }
        return resource.getKind().equals(ApiGroup.SPARK_APPLICATION) ? SparkApplications.CONTEXT
                : PlaygroundReport.SCHEDULED;
    }

    private static void installCrds(KubernetesClient client, Path crds) throws IOException {
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata crd : client.load(in).items()) {
                        client.resource(crd).create();
                    }
                }
            }
        }
    }

    private static void printFinalStatus(KubernetesClient client, String namespace, PrintStream out) {
        for (GenericKubernetesResource app : SparkApplications.api(client).inNamespace(namespace).list().getItems()) {
            out.println("\nFinal status of SparkApplication " + namespace + "/" + app.getMetadata().getName() + ":");
            Object status = app.getAdditionalProperties().get("status");
            out.print(ApiJson.toYaml(Map.of("status", status == null ? Map.of() : status)));
        }
    }
}
