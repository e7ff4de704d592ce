package io.sparkoperator.submit;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The driver and executor pod templates of one submission, and what the spec asked for that a template cannot
 * carry (for the controller to report as Warning Events, e.g. {@code memoryLimit}).
 */
public record RenderedPodTemplates(Pod driver, Pod executor, List<String> warnings) {
    public RenderedPodTemplates {
        warnings = List.copyOf(warnings);
    }
}
