/**
 * The SparkConnect controller (v1alpha1): a long-running Spark Connect server pod {@code <name>-server} that the
 * operator creates and that, as the Spark driver in client mode, creates its executors itself; a Service for gRPC
 * (15002) and the UI (4040); the executor template in the ConfigMap {@code <name>-conf}.
 *
 * <ul>
 * <li>{@link io.sparkoperator.sparkconnect.SparkConnectController}: one term's caches and dispatcher.</li>
 * <li>{@link io.sparkoperator.sparkconnect.SparkConnectReconciler}: observe, decide, act, write status, record
 * Events; cleans up after a deleted SparkConnect.</li>
 * <li>{@link io.sparkoperator.sparkconnect.ConnectDecider}: the pure state machine (Ready/NotReady/Failed/
 * Completed, the ServerPodReady condition, rolling on a spec change, the restart policy).</li>
 * <li>{@link io.sparkoperator.sparkconnect.ServerArgs}, {@link io.sparkoperator.sparkconnect.ServerPodBuilder},
 * {@link io.sparkoperator.sparkconnect.ServerService}, {@link io.sparkoperator.sparkconnect.ExecutorTemplate}: what
 * is built from the spec, as the Go operator builds it (pure).</li>
 * </ul>
 *
 * <p>May depend on {@code api}, {@code runtime}, {@code logging}, fabric8 and the JDK.
 */
package io.sparkoperator.sparkconnect;
