package io.sparkoperator.submit;

import io.sparkoperator.api.RestartPolicy;
import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkPodSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CRD's numeric minimums and the driver pod name pattern, checked again by the operator because a missing or old
 * CRD lets such values through: zero or negative cores and instances would reach Spark or the scheduler, negative
 * retries and zero intervals would make the restart policy mean something else than written.
 */
final class SpecLimits {
    /** A DNS-1123 subdomain, as the CRD and the API server require of a pod name. */
    private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private SpecLimits() {
    }

    static void check(List<String> problems, SparkApplicationSpec spec) {
        for (PodRole r : PodRole.values()) {
            SparkPodSpec side = r.of(spec);
            if (side != null) {
                atLeast(problems, "spec." + r.roleName() + ".cores", side.cores(), 1);
            }
        }
        if (spec.executor() != null) {
            atLeast(problems, "spec.executor.instances", spec.executor().instances(), 1);
        }
        if (spec.driver() != null && spec.driver().podName() != null) {
            String name = spec.driver().podName();
            if (name.length() > 253 || !POD_NAME.matcher(name).matches()) {
                problems.add("spec.driver.podName \"" + name + "\" must be a DNS-1123 subdomain (at most 253"
                        + " characters: lowercase letters, digits, '-' and '.')");
            }
        }
        RestartPolicy p = spec.restartPolicy();
        if (p != null) {
            atLeast(problems, "spec.restartPolicy.onSubmissionFailureRetries", p.onSubmissionFailureRetries(), 0);
            atLeast(problems, "spec.restartPolicy.onFailureRetries", p.onFailureRetries(), 0);
            atLeast(problems, "spec.restartPolicy.onSubmissionFailureRetryInterval",
                    p.onSubmissionFailureRetryInterval(), 1);
            atLeast(problems, "spec.restartPolicy.onFailureRetryInterval", p.onFailureRetryInterval(), 1);
        }
    }

    private static void atLeast(List<String> problems, String field, Number value, long minimum) {
        if (value != null && value.longValue() < minimum) {
            problems.add(field + " is " + value + " but must be at least " + minimum);
        }
    }
}
