package io.sparkoperator.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.sparkoperator.api.Labels;
import io.sparkoperator.api.ScheduledSparkApplication;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.runtime.ResourceKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLinksTest {

    private static SparkApplication app(Map<String, String> labels, String ownerKind, String ownerName) {
        SparkApplication app = new SparkApplication();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName("run").withNamespace("ns").withLabels(labels);
        if (ownerKind != null) {
            meta.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("sparkoperator.k8s.io/v1beta2")
                    .withKind(ownerKind).withName(ownerName).withUid("uid-1").build());
        }
        app.setMetadata(meta.build());
        return app;
    }

    @Test
    void parentKeyComesFromTheLabelOrTheOwnerReference() {
        assertEquals(Optional.of(new ResourceKey("ns", "nightly")),
                RunLinks.parentKeyOf(app(Map.of(Labels.SCHEDULED_APP_NAME, "nightly"), null, null)));
        assertEquals(Optional.of(new ResourceKey("ns", "hourly")),
                RunLinks.parentKeyOf(app(Map.of(), "ScheduledSparkApplication", "hourly")));
        assertEquals(Optional.empty(), RunLinks.parentKeyOf(app(Map.of("team", "a"), null, null)));
        assertEquals(Optional.empty(), RunLinks.parentKeyOf(app(Map.of(), "SparkApplication", "other")));
    }

    @Test
    void aRunBelongsToTheParentWithItsOwnerUid() {
        ScheduledSparkApplication parent = new ScheduledSparkApplication();
        parent.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("ns").withUid("uid-1").build());
        assertTrue(RunLinks.belongsTo(app(Map.of(), "ScheduledSparkApplication", "nightly"), parent));
        assertTrue(RunLinks.belongsTo(app(Map.of(), null, null), parent));
        parent.getMetadata().setUid("uid-2");
        assertFalse(RunLinks.belongsTo(app(Map.of(), "ScheduledSparkApplication", "nightly"), parent));
    }

    @Test
    void theStatusPatchSetsTheWholeStatus() {
        var status = Fixtures.armed("2026-05-04T10:05:00Z");
        assertEquals("[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"nextRun\":\"2026-05-04T10:05:00Z\","
                + "\"pastSuccessfulRunNames\":[],\"pastFailedRunNames\":[],\"scheduleState\":\"Scheduled\"}}]",
                StatusPatch.jsonPatch(status));
    }
}
