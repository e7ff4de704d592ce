/**
 * Turning a SparkApplication into a real spark-submit run: defaults applied in memory ({@link
 * io.sparkoperator.submit.EffectiveSpec}), validation ({@link io.sparkoperator.submit.SubmissionValidator}), the
 * argument vector ({@link io.sparkoperator.submit.SubmitArguments}), the webhook-free driver/executor pod templates
 * ({@link io.sparkoperator.submit.PodTemplateRenderer}, {@link io.sparkoperator.submit.PodTemplateFiles}), and the
 * bounded, timed {@code ProcessBuilder} runner ({@link io.sparkoperator.submit.SparkSubmitRunner}). The controller
 * calls one facade, {@link io.sparkoperator.submit.Submitter}, and switches over the sealed
 * {@link io.sparkoperator.submit.SubmitResult}.
 *
 * <p>Everything except the runner and the file writer is a pure function of its inputs. May depend on {@code api},
 * fabric8's model (not its client) and the JDK; never on {@code controller} or {@code state}. Spark itself is never
 * loaded into this JVM: it runs as a child process.
 */
package io.sparkoperator.submit;
