package io.sparkoperator.hardening;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.sparkapp.SparkSubmission;
import io.sparkoperator.submit.ChildJvmOptions;
import io.sparkoperator.submit.SubmitResult;
import io.sparkoperator.submit.Submitter;
import io.sparkoperator.submit.SubmitterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The operator's real {@link Submitter} (validation, argument vector, process runner) with a recording fake
 * spark-submit script, followed by what spark-submit would then do with that argument vector: create the driver pod
 * in the namespace, under the name and with the labels the parsed arguments say (so an argument that escaped the
 * namespace would really put the driver elsewhere), answering "already exists" as spark-submit does on HTTP 409.
 */
final class EmulatedSparkSubmit implements SparkSubmission, AutoCloseable {
    final RecordingSparkHome home;
    final Submitter submitter;
    final List<String> driversCreated = new CopyOnWriteArrayList<>();
    private final KubernetesClient client;
    private final String master;
    /** When set, a submission blocks after creating the driver, until released or interrupted (a dying operator). */
    volatile CountDownLatch hangAfterCreate;

    /** @param scriptBody what the fake spark-submit does after recording its arguments ({@code exit 0}: succeed) */
    EmulatedSparkSubmit(KubernetesClient client, Path dir, String master, String scriptBody, Duration timeout)
            throws Exception {
        this.client = client;
        this.master = master;
        this.home = RecordingSparkHome.create(dir.resolve("spark"), scriptBody);
        this.submitter = new Submitter(SubmitterConfig.defaults(home.home, master)
                .withChildJvm(ChildJvmOptions.jdkDefaults()).withWorkDir(dir.resolve("work"))
                .withTimeout(timeout));
    }

    /** Calls that reached the spark-submit script. */
    int scriptRuns() {
        return home.calls().size();
    }

    @Override
    public SubmitResult submit(SparkApplication app, String submissionId) {
        SubmitResult result = submitter.submit(app, submissionId);
        if (!(result instanceof SubmitResult.Submitted submitted)) {
            return result;
        }
        List<String> argv = home.calls().stream().filter(a -> a.contains("spark.kubernetes.driver.label."
                + Labels.SUBMISSION_ID + "=" + submissionId)).findFirst().orElseThrow();
        SubmitInvariants.assertOperatorDecides(app, master, argv);
        SparkSubmitArgv parsed = SparkSubmitArgv.parse(argv);
        String namespace = parsed.conf().get("spark.kubernetes.namespace");
        String name = parsed.conf().get("spark.kubernetes.driver.pod.name");
        try {
            client.pods().inNamespace(namespace).resource(driverPod(parsed, namespace, name, submissionId)).create();
            driversCreated.add(namespace + "/" + name);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new SubmitResult.DriverAlreadyExists(name, "driver pod " + name + " already exists");
            }
            return new SubmitResult.Failed(1, List.of("Failure executing: POST pods: " + e.getMessage()));
        }
        CountDownLatch hang = hangAfterCreate;
        if (hang != null) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SubmitResult.TimedOut(Duration.ofSeconds(30), "interrupted; spark-submit was killed");
            }
        }
        return submitted;
    }

    private static Pod driverPod(SparkSubmitArgv parsed, String namespace, String name, String submissionId) {
        Map<String, String> labels = new TreeMap<>();
        String prefix = "spark.kubernetes.driver.label.";
        parsed.conf().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                labels.put(k.substring(prefix.length()), v);
            }
        });
        labels.put(Labels.SPARK_ROLE, Labels.ROLE_DRIVER);
        labels.put(Labels.SPARK_APP_SELECTOR, "spark-" + submissionId.replace("-", ""));
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata()
                .withNewSpec().addNewContainer().withName(Labels.DRIVER_CONTAINER)
                .withImage(parsed.conf().get("spark.kubernetes.driver.container.image")).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
    }

    @Override
    public void close() {
        submitter.close();
    }
}
