package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.hardening.BadInput.Harmless;
import io.sparkoperator.hardening.BadInput.Rejected;
import io.sparkoperator.hardening.BadInput.Unreadable;
import io.sparkoperator.sparkapp.InvalidManifestException;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.submit.ChildJvmOptions;
import io.sparkoperator.submit.SubmitResult;
import io.sparkoperator.submit.Submitter;
import io.sparkoperator.submit.SubmitterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second layer, for when the CRD is missing or old: each bad SparkApplication as the operator reads it (the
 * controller converts the raw object to the model, then hands it to the submitter). A bad one must end as a clear
 * message before spark-submit runs, or, where it is harmless, reach spark-submit without changing what the operator
 * decided. A good application submitted right after through the same submitter must still go through.
 */
class BadInputSubmitterTest {
    static final String MASTER = "k8s://https://10.96.0.1:443";

    @TempDir
    Path dir;
    private RecordingSparkHome sparkHome;
    private Submitter submitter;

    static Stream<BadInput> cases() {
        return BadInputCatalog.sparkApplications().stream();
    }

    @BeforeEach
    void start() throws Exception {
        sparkHome = RecordingSparkHome.create(dir.resolve("spark"), "exit 0");
        submitter = new Submitter(SubmitterConfig.defaults(sparkHome.home, MASTER)
                .withChildJvm(ChildJvmOptions.jdkDefaults()).withWorkDir(dir.resolve("work"))
                .withTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        submitter.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOperatorStopsItOrItIsHarmless(BadInput input) {
        ObjectNode manifest = input.manifest();
        switch (input.operator()) {
            case Unreadable u -> {
                InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> read(manifest));
                assertTrue(String.valueOf(e.getMessage()).contains(u.fragment()),
                        "the reading error names \"" + u.fragment() + "\": " + e.getMessage());
            }
            case Rejected r -> {
                String message;
                try {
                    SubmitResult result = submitter.submit(read(manifest), UUID.randomUUID().toString());
                    message = assertInstanceOf(SubmitResult.Invalid.class, result, "refused before spark-submit runs")
                            .message();
                } catch (InvalidManifestException unreadable) {
                    message = unreadable.getMessage();
                }
                assertTrue(message.contains(r.fragment()), "the message says \"" + r.fragment() + "\": " + message);
                assertEquals(List.of(), sparkHome.calls(), "spark-submit never ran");
            }
            case Harmless h -> {
                SparkApplication app = read(manifest);
                assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(app, UUID.randomUUID().toString()));
                SubmitInvariants.assertOperatorDecides(app, MASTER, sparkHome.onlyCall());
            }
        }
        sparkHome.forget();
        SparkApplication good = read(Manifest.example(Manifest.SPARK_PI));
        assertInstanceOf(SubmitResult.Submitted.class, submitter.submit(good, UUID.randomUUID().toString()),
                "a good application submitted after " + input + " still goes through");
        SubmitInvariants.assertOperatorDecides(good, MASTER, sparkHome.onlyCall());
    }

    /** As the controller reads an object (with a uid, as a server gives one); may throw InvalidManifestException. */
    static SparkApplication read(ObjectNode manifest) {
        Manifest.object(manifest, "/metadata").put("uid", UUID.randomUUID().toString());
        return SparkApplications.toTyped(ApiJson.serialization().convertValue(manifest,
                GenericKubernetesResource.class));
    }
}
