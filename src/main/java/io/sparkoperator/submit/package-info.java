/**
 * Turning a SparkApplication into a real spark-submit run: defaults applied in memory ({@link
 * io.sparkoperator.submit.EffectiveSpec}), validation ({@link io.sparkoperator.submit.SubmissionValidator}), the
 * argument vector ({@link io.sparkoperator.submit.SubmitArguments}), the webhook-free driver/executor pod templates
 * ({@link io.sparkoperator.submit.PodTemplateRenderer}, {@link io.sparkoperator.submit.PodTemplateFiles}), and the
 * bounded, timed {@code ProcessBuilder} runner ({@link io.sparkoperator.submit.SparkSubmitRunner}) of the cold path,
 * and the warm path: long-lived submission worker JVMs ({@link io.sparkoperator.submit.WorkerProcess}, its line
 * protocol {@link io.sparkoperator.submit.WorkerProtocol}, the pool that replaces and falls back
 * {@link io.sparkoperator.submit.WorkerPool}; the worker's own code is in {@code src/spark-home/worker}), both under one
 * concurrency bound ({@link io.sparkoperator.submit.SubmitSlots}). The controller
 * calls one facade, {@link io.sparkoperator.submit.Submitter}, and switches over the sealed
 * {@link io.sparkoperator.submit.SubmitResult}.
 *
 * <p>Everything except the runner and the file writer is a pure function of its inputs. May depend on {@code api},
 * fabric8's model (not its client) and the JDK; never on {@code controller} or {@code state}. Spark itself is never
 * loaded into this JVM: it runs in child processes.
 */
package io.sparkoperator.submit;
