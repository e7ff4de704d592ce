package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first layer: what a real API server with this project's CRDs does with each bad manifest. Cases the CRD
 * stores anyway are asserted too, so that it is written down which ones only the operator can stop.
 */
class BadInputCrdTest {

    static Stream<BadInput> cases() {
        return Stream.concat(BadInputCatalog.sparkApplications().stream(),
                BadInputCatalog.scheduledApplications().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCrdRefusesWhatItCanAndStoresTheRest(BadInput input) {
        List<String> refusals = CrdLayer.refusals(input.manifest());
        if (input.crdRefusal().equals(BadInput.CRD_STORES)) {
            assertEquals(List.of(), refusals, "a real API server stores " + input);
        } else {
            assertFalse(refusals.isEmpty(), "a real API server refuses " + input);
            assertTrue(refusals.stream().anyMatch(r -> r.contains(input.crdRefusal())),
                    "a refusal mentions \"" + input.crdRefusal() + "\": " + refusals);
        }
    }
}
