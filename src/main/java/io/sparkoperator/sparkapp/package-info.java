/**
 * The SparkApplication reconciliation: observe, decide (through {@code state}), act.
 *
 * <ul>
 * <li>{@link io.sparkoperator.sparkapp.SparkCaches}: the informer caches every controller reads (SparkApplications
 * as generic resources, ScheduledSparkApplications, and only the pods the operator launched);
 * {@link io.sparkoperator.sparkapp.AppEventHandler} and {@link io.sparkoperator.sparkapp.PodEventHandler} turn
 * their events into keys. With several active replicas the caches hold only the shards held here
 * ({@link io.sparkoperator.sparkapp.ShardLabels}), and {@link io.sparkoperator.sparkapp.ShardLabeller} labels each
 * new app with its shard so that the API server sends it to its replica alone.</li>
 * <li>{@link io.sparkoperator.sparkapp.SparkApplicationReconciler}: one pass. It reads the freshest app
 * ({@link io.sparkoperator.sparkapp.FreshApps} covers informer lag behind our own writes) and its pods
 * ({@link io.sparkoperator.sparkapp.DriverObserver}), asks the state machine, then carries the decision out: UI
 * objects (package {@code ui}), status through {@code /status} ({@link io.sparkoperator.sparkapp.StatusWriter}),
 * then the actions in order, with spark-submit ({@link io.sparkoperator.sparkapp.SparkSubmission}) run only after
 * the submission ID is persisted.</li>
 * <li>{@link io.sparkoperator.sparkapp.SparkApplications}: reading SparkApplications as generic resources and
 * converting per pass, so a manifest whose schemaless parts have wrong types becomes a FAILED status with the
 * reason ({@link io.sparkoperator.sparkapp.UnreadableManifest},
 * {@link io.sparkoperator.sparkapp.InvalidManifestException}) instead of an informer that cannot deserialize;
 * {@link io.sparkoperator.sparkapp.SpecChangeDetector} and {@link io.sparkoperator.sparkapp.PendingSpecChanges}
 * note spec edits for INVALIDATING.</li>
 * </ul>
 *
 * <p>May depend on {@code api}, {@code state}, {@code submit}, {@code ui}, {@code runtime}, fabric8 and the JDK.
 */
package io.sparkoperator.sparkapp;
