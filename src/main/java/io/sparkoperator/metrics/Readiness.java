package io.sparkoperator.metrics;

import java.util.List;

/** Why the operator is not ready (for {@code /readyz}); empty when it is. */
@FunctionalInterface
public interface Readiness {
    List<String> notReadyReasons();

    /** Lines {@code /readyz} adds after "ok" (e.g. the shards this replica holds); none by default. */
    default List<String> details() {
        return List.of();
    }
}
