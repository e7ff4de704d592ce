/**
 * The operator process: {@code Main} reads the configuration ({@code OperatorFlags} -> {@code OperatorConfig}),
 * wires the controller runtime, metrics and health endpoints, leader election and shutdown. May depend on every
 * other package; nothing depends on it.
 */
package io.sparkoperator;
