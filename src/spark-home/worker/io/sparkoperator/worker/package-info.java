/**
 * The submission worker: a long-lived JVM the operator starts next to Spark's jars, which runs Spark's own
 * {@code SparkSubmit} for one submission after another (what {@code bin/spark-submit} would do in a new JVM each
 * time). {@code SubmissionWorker} speaks the line protocol with the operator, {@code OneSubmission} runs one
 * submission with no state carried into the next (its {@code FreshStaticsLoader} defines anew the classes whose
 * statics must not outlive it), {@code CapturedOutput} keeps what it printed. Kept warm on purpose, each holding
 * nothing of a submission: {@code HadoopConfigResources} (Hadoop's configuration files served from memory), {@code
 * SharedClientParts} (one JSON mapping and one Vert.x instance for every fabric8 client Spark builds) and {@code
 * SparkDefaultLogging} (Spark's default log4j profile, set up once instead of rebuilt four times a submission).
 */
package io.sparkoperator.worker;
