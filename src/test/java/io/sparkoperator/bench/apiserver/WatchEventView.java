package io.sparkoperator.bench.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A change as in-process observers see it ({@code kind} is the store's type key, e.g. {@code pods} or
 * {@code sparkoperator.k8s.io/sparkapplications}). {@code object} is the stored version: read it, never change it.
 */
public record WatchEventView(String type, String kind, String namespace, String name, Map<String, String> labels,
        ObjectNode object) {
}
