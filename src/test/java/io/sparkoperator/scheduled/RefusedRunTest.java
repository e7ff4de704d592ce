package io.sparkoperator.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.api.ScheduleState;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.ScheduledSparkApplicationStatus;
import io.sparkoperator.runtime.ReconcileResult;
import io.sparkoperator.runtime.ResourceKey;
import io.sparkoperator.testing.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tick's run that the API server refuses (here as the admission policy refuses a sparkConf namespace escape in
 * the template: 422) is said in the parent's status and a Warning Event, not retried in a tight loop.
 */
class RefusedRunTest {
    private static final String POLICY_SAYS = "sparkapplications.sparkoperator.k8s.io \"nightly-1777889100\" is"
            + " forbidden: ValidatingAdmissionPolicy 'spark-operator-sparkapplications' with binding"
            + " 'spark-operator-sparkapplications' denied request: sparkConf must not set spark.kubernetes.namespace"
            + " to another namespace than the application's";

    /** The CRUD mock, but a SparkApplication create is refused as the policy refuses it. */
    private static final class RefusingDispatcher extends KubernetesCrudDispatcher {
        RefusingDispatcher() {
            super(List.of(crd(ApiGroup.SPARK_APPLICATION, "sparkapplications"),
                    crd(ApiGroup.SCHEDULED_SPARK_APPLICATION, "scheduledsparkapplications")));
        }

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            if (request.getPath().contains("/sparkapplications")) {
                return new MockResponse().setResponseCode(422).setBody("""
                        {"apiVersion":"v1","kind":"Status","status":"Failure","reason":"Invalid","code":422,
                         "message":"%s"}""".formatted(POLICY_SAYS.replace("\"", "\\\"")));
            }
            return super.handleCreate(request);
        }
    }

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new RefusingDispatcher(), false);
    private KubernetesClient client;

    @AfterEach
    void close() {
        client.close();
        server.destroy();
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION)
                .withKind(kind).withPlural(plural).withScope("Namespaced").withStatusSubresource(true).build();
    }

    @Test
    void aRefusedRunIsFailedValidationWithTheServersWordsAndAnEvent() {
        server.init();
        client = server.createClient();
        ScheduledSparkApplication parent = new ScheduledSparkApplication();
        parent.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("jobs").build());
        parent.setSpec(Fixtures.spec("*/5 * * * *"));
        client.resources(ScheduledSparkApplication.class).inNamespace("jobs").resource(parent).create();
        ManualClock clock = new ManualClock("2026-05-04T10:02:00Z");
        ScheduledSparkApplicationReconciler reconciler = new ScheduledSparkApplicationReconciler(client, clock);
        ResourceKey key = new ResourceKey("jobs", "nightly");
        reconciler.reconcile(key);

        clock.set("2026-05-04T10:05:00Z");
        ReconcileResult refused = reconciler.reconcile(key);

        ScheduledSparkApplicationStatus status = client.resources(ScheduledSparkApplication.class).inNamespace("jobs")
                .withName("nightly").get().getStatus();
        assertEquals(ScheduleState.FAILED_VALIDATION, status.scheduleState());
        String reason = "run nightly-1777889100 was refused by the API server (422): " + POLICY_SAYS;
        assertEquals(reason, status.reason());
        assertEquals(Optional.of(Duration.ofMinutes(5)), refused.requeueAfter(), "tried again later, not at once");
        List<Event> events = client.v1().events().inNamespace("jobs").list().getItems();
        assertTrue(events.stream().anyMatch(e -> "Warning".equals(e.getType())
                && RunEvent.FAILED_VALIDATION.equals(e.getReason()) && reason.equals(e.getMessage())),
                events.stream().map(Event::getMessage).toList()::toString);
        assertTrue(events.stream().noneMatch(e -> RunEvent.RUN_STARTED.equals(e.getReason())), "no run started");
    }
}
