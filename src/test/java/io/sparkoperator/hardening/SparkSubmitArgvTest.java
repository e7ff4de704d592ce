package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.submit.ArgumentOptions;
import io.sparkoperator.submit.PodTemplatePaths;
import io.sparkoperator.submit.SubmitArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Why the submitter must refuse a main file starting with '-': the argument vector the operator builds, read the way
 * spark-submit reads it, with validation bypassed. Also shows the parser that checks the other cases can tell.
 */
class SparkSubmitArgvTest {
    static final String MASTER = "k8s://https://10.96.0.1:443";

    private static List<String> argv(String mainFile, String... arguments) {
        ObjectNode m = Manifest.example(Manifest.SPARK_PI);
        Manifest.object(m, "/spec").put("mainApplicationFile", mainFile);
        Manifest.strings(Manifest.object(m, "/spec"), "arguments", arguments);
        SparkApplication app = BadInputSubmitterTest.read(m);
        return SubmitArguments.build(app, "id-1", MASTER,
                new PodTemplatePaths(Path.of("/tmp/d.yaml"), Path.of("/tmp/e.yaml")), ArgumentOptions.defaults());
    }

    @Test
    void aNormalMainFileIsThePrimaryResourceAndTheArgumentsFollowUntouched() {
        SparkSubmitArgv parsed = SparkSubmitArgv.parse(argv("local:///app.jar", "--master", "x", "--conf", "a=b"));
        assertEquals(Optional.empty(), parsed.error());
        assertEquals(MASTER, parsed.options().get("--master"));
        assertEquals("local:///app.jar", parsed.primaryResource());
        assertEquals(List.of("--master", "x", "--conf", "a=b"), parsed.applicationArguments());
        assertEquals("default", parsed.conf().get("spark.kubernetes.namespace"));
    }

    @Test
    void withoutValidationAMainFileThatLooksLikeAnOptionTakesOverTheSubmission() {
        SparkSubmitArgv master = SparkSubmitArgv.parse(argv("--master", BadInputCatalog.ATTACKER_MASTER, "local:///x.jar"));
        assertEquals(BadInputCatalog.ATTACKER_MASTER, master.options().get("--master"), "the master is switched");
        assertEquals("local:///x.jar", master.primaryResource());

        SparkSubmitArgv namespace = SparkSubmitArgv.parse(argv("--conf", "spark.kubernetes.namespace=kube-system",
                "local:///x.jar"));
        assertEquals("kube-system", namespace.conf().get("spark.kubernetes.namespace"), "the namespace escapes");

        SparkSubmitArgv joined = SparkSubmitArgv.parse(argv("--master=" + BadInputCatalog.ATTACKER_MASTER, "5000"));
        assertEquals(BadInputCatalog.ATTACKER_MASTER, joined.options().get("--master"));
        assertEquals("5000", joined.primaryResource());
    }
}
