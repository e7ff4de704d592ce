/**
 * Gang and queue scheduling, webhook-free, as the Go operator does it with {@code --enable-batch-scheduler}: one
 * record per scheduler behind the sealed {@link io.sparkoperator.batch.BatchScheduler} ({@link
 * io.sparkoperator.batch.Volcano}, {@link io.sparkoperator.batch.YuniKorn}, {@link
 * io.sparkoperator.batch.KubeScheduler} for scheduler-plugins coscheduling), each a pure function from an app to a
 * {@link io.sparkoperator.batch.SchedulingPlan}: the PodGroup to keep (if any) and the labels, annotations and
 * scheduler name its pods carry ({@link io.sparkoperator.batch.PodFields}, rendered into the pod templates by
 * {@link io.sparkoperator.batch.AppForSubmission}). {@link io.sparkoperator.batch.PodRequests} is the Go operator's
 * resource arithmetic (memory overhead, initial executors) and {@link io.sparkoperator.batch.Quantities} its
 * canonical quantity text. {@link io.sparkoperator.batch.DriverPdb} builds the driver PodDisruptionBudget.
 *
 * <p>{@link io.sparkoperator.batch.BatchScheduling} is what the SparkApplication reconciler calls: before
 * spark-submit (choose the scheduler from {@link io.sparkoperator.batch.BatchSettings}, sync the PodGroup, shape
 * the pods), after it (the driver PDB), and when a run's resources go (delete both).
 *
 * <p>May depend on {@code api}, {@code submit} (driver pod name, in-memory defaults), fabric8 and the JDK.
 */
package io.sparkoperator.batch;
