package io.sparkoperator.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.OwnerReferences;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.sparkapp.SparkSubmission;
import io.sparkoperator.submit.ArgumentOptions;
import io.sparkoperator.submit.DriverPodName;
import io.sparkoperator.submit.PodTemplatePaths;
import io.sparkoperator.submit.PodTemplateRenderer;
import io.sparkoperator.submit.SubmissionValidator;
import io.sparkoperator.submit.SubmitArguments;
import io.sparkoperator.submit.SubmitResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's spark-submit: everything the real Submitter does in the operator's JVM (validation, pod template
 * rendering, the argument vector), then, instead of a spark-submit child process, one POST of the driver pod that
 * spark-submit would create, with the driver labels the arguments carry. No JVM is started; the API request it makes
 * is counted as the operator's (spark-submit's own Service and ConfigMap applies are not made).
 */
final class PodOnlySubmission implements SparkSubmission {
    private static final String DRIVER_LABEL = "spark.kubernetes.driver.label.";
    private static final PodTemplatePaths NO_FILES = new PodTemplatePaths(Path.of("/nonexistent/driver.yaml"),
            Path.of("/nonexistent/executor.yaml"));

    private final KubernetesClient client;
    private final String masterUrl;

    PodOnlySubmission(KubernetesClient client, String masterUrl) {
        this.client = client;
        this.masterUrl = "k8s://" + masterUrl;
    }

    @Override
    public SubmitResult submit(SparkApplication app, String submissionId) {
        Optional<String> invalid = SubmissionValidator.message(app);
        if (invalid.isPresent()) {
            return new SubmitResult.Invalid(invalid.get());
        }
        PodTemplateRenderer.render(app);
        List<String> args = SubmitArguments.build(app, submissionId, masterUrl, NO_FILES, ArgumentOptions.defaults());
        String name = DriverPodName.of(app);
        try {
            client.pods().inNamespace(app.getMetadata().getNamespace()).resource(driverPod(app, name, submissionId,
                    driverLabels(args))).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new SubmitResult.DriverAlreadyExists(name, "driver pod " + name + " already exists");
            }
            // A timeout has no message of its own: say what it was.
            return new SubmitResult.Failed(1, List.of(e.getMessage() != null ? e.getMessage()
                    : String.valueOf(e.getCause() != null ? e.getCause() : e)));
        }
        return new SubmitResult.Submitted(name, Duration.ZERO, List.of(), "spark-" + submissionId.replace("-", ""));
    }

    /** The {@code --conf spark.kubernetes.driver.label.K=V} pairs of the argument vector. */
    static Map<String, String> driverLabels(List<String> args) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--conf") && args.get(i + 1).startsWith(DRIVER_LABEL)) {
                String kv = args.get(i + 1).substring(DRIVER_LABEL.length());
                int eq = kv.indexOf('=');
                labels.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return labels;
    }

    private static Pod driverPod(SparkApplication app, String name, String submissionId, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(app.getMetadata().getNamespace())
                .addToLabels(labels)
                .addToLabels(Labels.SPARK_ROLE, Labels.ROLE_DRIVER)
                .addToLabels(Labels.SPARK_APP_SELECTOR, "spark-" + submissionId.replace("-", ""))
                .addToLabels("spark-app-name", app.getMetadata().getName())
                .withOwnerReferences(OwnerReferences.controllerOf(app)).endMetadata()
                .withNewSpec().addNewContainer().withName(Labels.DRIVER_CONTAINER)
                .withImage(app.getSpec().image()).endContainer().endSpec().build();
    }
}
