package io.sparkoperator.metrics;

import java.util.List;

/** Why the operator is not ready (for {@code /readyz}); empty when it is. */
@FunctionalInterface
public interface Readiness {
    List<String> notReadyReasons();
}
