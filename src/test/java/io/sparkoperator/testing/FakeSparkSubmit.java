package io.sparkoperator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.sparkapp.SparkSubmission;
import io.sparkoperator.submit.DriverPodName;
import io.sparkoperator.submit.PodTemplateRenderer;
import io.sparkoperator.submit.SubmitResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Stands in for spark-submit in lifecycle tests: creates the driver pod through the API as Spark would (labels,
 * owner reference, phase Pending as a real API server reports it), and answers with the same result types as the
 * real Submitter, including "already exists" on HTTP 409.
 */
public final class FakeSparkSubmit implements SparkSubmission {
    public enum Mode { CREATE_DRIVER, FAIL }

    private final KubernetesClient client;
    public final List<String> submissionIds = new CopyOnWriteArrayList<>();
    /** The apps as handed to spark-submit (with what the operator added in memory, e.g. for a batch scheduler). */
    public final List<SparkApplication> submittedApps = new CopyOnWriteArrayList<>();
    /** Runs first in each call, e.g. to look at what exists when spark-submit starts. */
    /** Whether its "output" names the application ID it deployed, as Spark's does (off: only the pod tells). */
    public volatile boolean printsApplicationId = true;
    public volatile Consumer<SparkApplication> onSubmit = app -> { };
    public volatile Mode mode = Mode.CREATE_DRIVER;
    /** The next this many calls fail as spark-submit does while the API server is down (connection refused). */
    public final java.util.concurrent.atomic.AtomicInteger refuseNext = new java.util.concurrent.atomic.AtomicInteger();
    /** When set, the call hangs after creating the pod (an operator dying mid-submission). */
    public volatile CountDownLatch hangAfterCreate;

    public FakeSparkSubmit(KubernetesClient client) {
        this.client = client;
    }

    public int calls() {
        return submissionIds.size();
    }

    @Override
    public SubmitResult submit(SparkApplication app, String submissionId) {
        submissionIds.add(submissionId);
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new SubmitResult.ApiServerUnavailable(1, "java.io.IOException: Connection refused: /127.0.0.1:6443",
                    List.of("Exception in thread \"main\" io.fabric8.kubernetes.client.KubernetesClientException: An"
                            + " error has occurred.", "Caused by: java.io.IOException: Connection refused: /127.0.0.1:6443"));
        }
        submittedApps.add(app);
        onSubmit.accept(app);
        if (mode == Mode.FAIL) {
            return new SubmitResult.Failed(1, List.of("Exception in thread \"main\" java.io.FileNotFoundException:"
                    + " /opt/spark/conf/missing"));
        }
        String name = DriverPodName.of(app);
        String namespace = app.getMetadata().getNamespace();
        try {
            client.pods().inNamespace(namespace).resource(fromTemplate(app, driverPod(app, name, submissionId)))
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new SubmitResult.DriverAlreadyExists(name, "driver pod " + name + " already exists");
            }
            return new SubmitResult.Failed(1, List.of(e.getMessage()));
        }
        CountDownLatch hang = hangAfterCreate;
        if (hang != null) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SubmitResult.TimedOut(Duration.ofMinutes(5), "killed");
            }
        }
        // (as spark-submit says which application ID it deployed: the driver's spark-app-selector label)
        return new SubmitResult.Submitted(name, Duration.ofMillis(1), List.of(),
                printsApplicationId ? sparkApplicationId(submissionId) : null);
    }

    /**
     * What Spark keeps of the rendered driver template: its labels, annotations and schedulerName (Spark's own
     * labels win).
     */
    private static Pod fromTemplate(SparkApplication app, Pod pod) {
        Pod template = PodTemplateRenderer.render(app).driver();
        Map<String, String> labels = new HashMap<>(orEmpty(template.getMetadata().getLabels()));
        labels.putAll(pod.getMetadata().getLabels());
        pod.getMetadata().setLabels(labels);
        pod.getMetadata().setAnnotations(orEmpty(template.getMetadata().getAnnotations()));
        pod.getSpec().setSchedulerName(template.getSpec().getSchedulerName());
        return pod;
    }

    private static String sparkApplicationId(String submissionId) {
        return "spark-" + submissionId.replace("-", "");
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /** The labels of the app itself come along (SubmitArguments passes them as driver labels), Spark's win. */
    public static Pod driverPod(SparkApplication app, String name, String submissionId) {
        Map<String, String> appLabels = new HashMap<>(orEmpty(app.getMetadata().getLabels()));
        appLabels.keySet().removeIf(key -> key.startsWith(Labels.KUEUE_PREFIX));
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(app.getMetadata().getNamespace())
                .addToLabels(appLabels)
                .addToLabels(Labels.APP_NAME, app.getMetadata().getName())
                .addToLabels(Labels.LAUNCHED_BY_SPARK_OPERATOR, "true")
                .addToLabels(Labels.SUBMISSION_ID, submissionId)
                .addToLabels(Labels.SPARK_ROLE, Labels.ROLE_DRIVER)
                .addToLabels(Labels.SPARK_APP_SELECTOR, sparkApplicationId(submissionId))
                .withOwnerReferences(OwnerReferences.controllerOf(app)).endMetadata()
                .withNewSpec().addNewContainer().withName(Labels.DRIVER_CONTAINER).withImage("spark:4.1.1")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
    }
}
