package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.hardening.BadInput.Rejected;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.scheduled.ScheduledSparkApplicationReconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad ScheduledSparkApplications end to end: stored raw in fabric8's CRUD mock (no CRD validation, so wrong types
 * survive), reconciled by the real reconciler next to a good one. The bad one must end FailedValidation with a
 * reason and a Warning Event and start no run; the good one must start its run.
 */
@EnableKubernetesMockClient(crud = true)
class ScheduledBadInputTest {
    static final ResourceDefinitionContext SCHEDULED = new ResourceDefinitionContext.Builder()
            .withGroup("sparkoperator.k8s.io").withVersion("v1beta2").withKind("ScheduledSparkApplication")
            .withPlural("scheduledsparkapplications").withNamespaced(true).build();
    static final String NS = "default";

    KubernetesClient client;

    static Stream<BadInput> cases() {
        return BadInputCatalog.scheduledApplications().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadScheduleFailsValidationVisiblyAndTheGoodOneRuns(BadInput input) {
        ObjectNode bad = input.manifest();
        Manifest.object(bad, "/metadata").put("name", "bad");
        create(bad);
        ObjectNode good = Manifest.example(Manifest.SPARK_PI_SCHEDULED);
        Manifest.object(good, "/metadata").put("name", "good");
        create(good);
        Clock clock = Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        ScheduledSparkApplicationReconciler reconciler = new ScheduledSparkApplicationReconciler(client, clock);

        reconciler.reconcile(new ResourceKey(NS, "bad"));
        reconciler.reconcile(new ResourceKey(NS, "good"));

        Map<String, Object> status = status("bad");
        assertEquals("FailedValidation", status.get("scheduleState"), "status of " + input + ": " + status);
        String fragment = ((Rejected) input.operator()).fragment();
        assertTrue(String.valueOf(status.get("reason")).contains(fragment),
                "the reason says \"" + fragment + "\": " + status.get("reason"));
        List<Event> warnings = client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "bad".equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
                .toList();
        assertTrue(warnings.stream().anyMatch(e -> e.getMessage().contains(fragment)),
                "a Warning Event says \"" + fragment + "\": " + warnings);
        assertEquals(List.of(), runsOf("bad"), "no run of the bad schedule");
        assertEquals(1, runsOf("good").size(), "the good schedule started its run");
    }

    private void create(ObjectNode manifest) {
        client.genericKubernetesResources(SCHEDULED).inNamespace(NS)
                .resource(ApiJson.serialization().convertValue(manifest, GenericKubernetesResource.class)).create();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(String name) {
        Object status = client.genericKubernetesResources(SCHEDULED).inNamespace(NS).withName(name).get()
                .getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    private List<String> runsOf(String parent) {
        return client.resources(SparkApplication.class).inNamespace(NS)
                .withLabel(Labels.SCHEDULED_APP_NAME, parent).list().getItems().stream()
                .map(a -> a.getMetadata().getName()).toList();
    }
}
