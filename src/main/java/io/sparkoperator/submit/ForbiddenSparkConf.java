package io.sparkoperator.submit;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sparkConf} keys a user may not set: the Go operator's deny-list plus what would let
 * a spec take over the operator's own submission (its credentials, the pod templates, waiting for completion).
 * A conf placed there would otherwise win or collide, because spark-submit keeps the last value of a repeated key.
 * This is the one list: the CRDs' CEL rule on {@code sparkConf} must name exactly these keys and prefix
 * (ForbiddenSparkConfInCrdsTest fails otherwise and prints the rule to paste).
 */
final class ForbiddenSparkConf {
    /** In the order the CRD rule lists them. */
    static final List<String> KEYS = List.of(
            "spark.kubernetes.authenticate.driver.serviceAccountName",
            "spark.kubernetes.authenticate.executor.serviceAccountName",
            "spark.kubernetes.authenticate.oauthTokenFile",
            "spark.kubernetes.authenticate.oauthToken",
            "spark.kubernetes.authenticate.driver.oauthTokenFile",
            "spark.kubernetes.authenticate.driver.oauthToken",
            "spark.kubernetes.authenticate.executor.oauthTokenFile",
            "spark.kubernetes.authenticate.executor.oauthToken",
            "spark.master",
            "spark.kubernetes.driver.master",
            "spark.kubernetes.container.image",
            "spark.kubernetes.driver.container.image",
            "spark.kubernetes.executor.container.image",
            "spark.kubernetes.driver.podTemplateFile",
            "spark.kubernetes.executor.podTemplateFile",
            "spark.kubernetes.driver.podTemplateContainerName",
            "spark.kubernetes.executor.podTemplateContainerName",
            "spark.kubernetes.submission.waitAppCompletion");

    private static final Set<String> KEY_SET = Set.copyOf(KEYS);

    /** The credentials spark-submit itself talks to the API server with belong to the operator. */
    static final String SUBMISSION_CREDENTIALS = "spark.kubernetes.authenticate.submission.";

    private ForbiddenSparkConf() {
    }

    /** Why the key is refused, or empty when it is allowed. */
    static Optional<String> reason(String key) {
        if (KEY_SET.contains(key) || key.startsWith(SUBMISSION_CREDENTIALS)) {
            return Optional.of(hint(key));
        }
        return Optional.empty();
    }

    private static String hint(String key) {
        List<String[]> fieldHints = List.of(
                new String[] {"serviceAccountName", "use spec.driver.serviceAccount / spec.executor.serviceAccount"},
                new String[] {"container.image", "use spec.image / spec.driver.image / spec.executor.image"},
                new String[] {"driver.master", "use spec.driver.kubernetesMaster"},
                new String[] {"podTemplate", "use spec.driver.template / spec.executor.template"},
                new String[] {"waitAppCompletion", "the operator submits without waiting and follows the pods itself"});
        for (String[] h : fieldHints) {
            if (key.contains(h[0])) {
                return "sparkConf[" + key + "] is not allowed (" + h[1] + ")";
            }
        }
        return "sparkConf[" + key + "] is not allowed (the operator sets it)";
    }
}
