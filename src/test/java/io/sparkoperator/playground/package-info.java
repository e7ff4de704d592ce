/**
 * {@code make playground}: the operator and a real spark-submit against an in-process Kubernetes API (fabric8's
 * mock in CRUD mode with the server-side apply spark-submit needs) and a simulated kubelet, no cluster needed.
 * Test code on purpose: it depends on the mock server and {@code io.sparkoperator.testing}, which the operator
 * itself must never ship.
 */
package io.sparkoperator.playground;
