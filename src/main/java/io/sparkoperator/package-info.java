/**
 * The operator process, wiring only: {@code Main} reads the configuration ({@code config}), {@code Operator} builds
 * the client, submitter, metrics and health endpoints and the leader gate, {@code Controllers} runs one working
 * term (informer caches, one keyed dispatcher per kind, the event wiring between them), {@code MetricsWiring}
 * connects reconcilers to metric families. May depend on every other package; nothing depends on it.
 */
package io.sparkoperator;
