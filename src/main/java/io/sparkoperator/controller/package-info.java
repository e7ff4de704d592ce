/**
 * The controller runtime: the only layer that talks to the Kubernetes API; decisions come from {@code state}.
 *
 * <ul>
 * <li>Work flow: {@link io.sparkoperator.controller.SparkCaches} (informers over the watched namespaces: generic
 * SparkApplications, ScheduledSparkApplications, pods labelled {@code launched-by-spark-operator=true}) feed event
 * handlers that queue keys on a {@link io.sparkoperator.controller.KeyedDispatcher} (one virtual thread per
 * reconciliation, one in flight per key, a bound on passes at once with pod events first, bursts coalesced, requeue timers, capped exponential backoff).
 * {@link io.sparkoperator.controller.ControllerRuntime} wires one working term and reconciles only after the caches
 * synced; {@link io.sparkoperator.controller.LeaderGate} runs it only while holding the Lease.</li>
 * <li>SparkApplication pass: {@code SparkApplicationReconciler} reads the freshest app ({@code FreshApps} covers
 * informer lag behind our own writes) and its pods ({@code DriverObserver}), asks the state machine, then carries
 * the decision out: UI Service/Ingress ({@code UiService}, {@code UiIngress}, {@code UiResourceApplier}), status
 * through {@code /status} ({@link io.sparkoperator.controller.StatusWriter}), then the actions in order, with
 * spark-submit run only after the submission ID is persisted; Events through
 * {@link io.sparkoperator.controller.EventRecorder}.</li>
 * <li>ScheduledSparkApplication pass: {@code ScheduledSparkApplicationReconciler} and its helpers
 * ({@code Scheduled*}).</li>
 * </ul>
 *
 * <p>SparkApplications are read as {@code GenericKubernetesResource} and converted per pass, so a manifest whose
 * schemaless parts have wrong types becomes a FAILED status with the reason instead of an informer that cannot
 * deserialize. May depend on {@code api}, {@code state}, {@code submit}, {@code schedule}, fabric8 and the JDK;
 * never on the top-level package.
 */
package io.sparkoperator.controller;
