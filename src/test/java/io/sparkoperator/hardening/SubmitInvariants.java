package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkoperator.api.SparkApplication;
import java.util.List;
import java.util.Objects;

/** What spark-submit parses from an argument vector must be what the operator decided, whatever the spec held. */
final class SubmitInvariants {
    private SubmitInvariants() {
    }

    static void assertOperatorDecides(SparkApplication app, String master, List<String> argv) {
        SparkSubmitArgv parsed = SparkSubmitArgv.parse(argv);
        assertEquals(java.util.Optional.empty(), parsed.error(), "spark-submit parses the arguments: " + argv);
        assertEquals(master, parsed.options().get("--master"), "master");
        assertEquals(app.getMetadata().getNamespace(), parsed.conf().get("spark.kubernetes.namespace"), "namespace");
        assertEquals(app.getSpec().mainApplicationFile(), parsed.primaryResource(), "primary resource");
        assertEquals(Objects.requireNonNullElse(app.getSpec().arguments(), List.of()),
                parsed.applicationArguments(), "application arguments");
        assertEquals(app.getSpec().image(), parsed.conf().get("spark.kubernetes.driver.container.image"),
                "driver image");
        assertEquals(app.getSpec().driver().serviceAccount(),
                parsed.conf().get("spark.kubernetes.authenticate.driver.serviceAccountName"), "driver account");
        assertEquals("false", parsed.conf().get("spark.kubernetes.submission.waitAppCompletion"));
        assertFalse(parsed.conf().containsKey("spark.master"), "no spark.master conf");
        assertFalse(parsed.conf().containsKey("spark.kubernetes.driver.master"), "no driver master conf");
        assertTrue(parsed.conf().keySet().stream()
                .noneMatch(k -> k.startsWith("spark.kubernetes.authenticate.submission.")), "no submission creds");
    }
}
