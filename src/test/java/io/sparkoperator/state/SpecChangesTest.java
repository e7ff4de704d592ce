package io.sparkoperator.state;

import static io.sparkoperator.state.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecChangesTest {

    @Test
    void suspendAndTtlChangesDoNotCount() {
        assertFalse(SpecChanges.differ(spec(""), spec("suspend: true\ntimeToLiveSeconds: 60")));
        assertFalse(SpecChanges.differ(spec("suspend: false"), spec("")));
    }

    @Test
    void anyOtherChangeCounts() {
        assertTrue(SpecChanges.differ(spec(""), spec("arguments: [\"10\"]")));
        assertTrue(SpecChanges.differ(spec("sparkConf: {a: b}"), spec("sparkConf: {a: c}")));
        assertTrue(SpecChanges.differ(spec("restartPolicy: {type: Never}"), spec("restartPolicy: {type: Always}")));
        assertTrue(SpecChanges.differ(spec("volumes: [{name: a, emptyDir: {}}]"),
                spec("volumes: [{name: b, emptyDir: {}}]")),
                "Kubernetes model types inside the spec compare by content");
    }

    @Test
    void equalContentIsNoChange() {
        assertFalse(SpecChanges.differ(spec("volumes: [{name: a, emptyDir: {}}]"),
                spec("volumes: [{name: a, emptyDir: {}}]")));
        assertFalse(SpecChanges.differ(null, null));
        assertTrue(SpecChanges.differ(null, spec("")));
    }
}
