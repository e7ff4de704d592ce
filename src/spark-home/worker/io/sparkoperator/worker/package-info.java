/**
 * The submission worker: a long-lived JVM the operator starts next to Spark's jars, which runs Spark's own
 * {@code SparkSubmit} for one submission after another (what {@code bin/spark-submit} would do in a new JVM each
 * time). {@code SubmissionWorker} speaks the line protocol with the operator, {@code OneSubmission} runs one
 * submission with no state carried into the next (its {@code FreshStaticsLoader} defines anew the classes whose
 * statics must not outlive it), {@code CapturedOutput} keeps what it printed, and {@code HadoopConfigResources}
 * serves Hadoop's configuration files from memory, the one thing kept warm on purpose.
 */
package io.sparkoperator.worker;
