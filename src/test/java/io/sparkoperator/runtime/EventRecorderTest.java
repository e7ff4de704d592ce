package io.sparkoperator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Event;
import io.sparkoperator.api.EventReasons;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.testing.MockCluster;
import io.sparkoperator.testing.TestApps;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    private final MockCluster cluster = new MockCluster();
    private final EventRecorder recorder = new EventRecorder(cluster.client,
            Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC), "test-pod");

    @AfterEach
    void close() {
        cluster.close();
    }

    private List<Event> events() {
        return cluster.client.v1().events().inNamespace("team").list().getItems().stream()
                .sorted(Comparator.comparing(Event::getReason)).toList();
    }

    @Test
    void recordsAnEventAboutTheAppAndCountsRepeats() {
        cluster.createApp(TestApps.sparkPi("team", "pi"));
        SparkApplication app = cluster.typedApp("team", "pi");
        recorder.normal(app, EventReasons.APP_SUBMITTED, "SparkApplication pi was submitted successfully");
        recorder.normal(app, EventReasons.APP_SUBMITTED, "SparkApplication pi was submitted successfully");
        recorder.warning(app, EventReasons.DRIVER_NOT_FOUND, "driver pod not found");

        List<Event> events = events();
        assertEquals(2, events.size());
        Event submitted = events.get(0);
        assertEquals(EventReasons.APP_SUBMITTED, submitted.getReason());
        assertEquals("Normal", submitted.getType());
        assertEquals(2, submitted.getCount());
        assertEquals("SparkApplication", submitted.getInvolvedObject().getKind());
        assertEquals("sparkoperator.k8s.io/v1beta2", submitted.getInvolvedObject().getApiVersion());
        assertEquals("pi", submitted.getInvolvedObject().getName());
        assertEquals(app.getMetadata().getUid(), submitted.getInvolvedObject().getUid());
        assertEquals("spark-operator", submitted.getSource().getComponent());
        assertEquals("2026-02-03T04:05:06Z", submitted.getLastTimestamp());
        Event notFound = events.get(1);
        assertEquals("Warning", notFound.getType());
        assertEquals(EventReasons.DRIVER_NOT_FOUND, notFound.getReason());
        assertEquals(1, notFound.getCount());
    }

    @Test
    void anExpiredEventIsRecreatedAndAnApiErrorNeverThrows() {
        cluster.createApp(TestApps.sparkPi("team", "pi"));
        SparkApplication app = cluster.typedApp("team", "pi");
        recorder.normal(app, EventReasons.APP_COMPLETED, "done");
        cluster.client.v1().events().inNamespace("team").delete();
        recorder.normal(app, EventReasons.APP_COMPLETED, "done");
        assertEquals(1, events().size());
        assertEquals(1, events().get(0).getCount());

        cluster.close();
        recorder.normal(app, EventReasons.APP_COMPLETED, "server gone");
    }
}
