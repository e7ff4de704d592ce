/**
 * The pure core that decides what happens to a SparkApplication: the sealed {@link io.sparkoperator.state.Lifecycle}
 * of states with their legal {@link io.sparkoperator.state.Transitions}, the mapping from driver and executor pods
 * to states, restart-policy arithmetic, TTL, suspend/resume and spec-change handling.
 *
 * <p>One reconcile step is {@link io.sparkoperator.state.StateMachine#decide}: (app, {@link
 * io.sparkoperator.state.Observation}) in, {@link io.sparkoperator.state.Decision} (next status + ordered {@link
 * io.sparkoperator.state.Action}s) out. Submission is two steps so it is idempotent: the decision carrying a
 * {@link io.sparkoperator.state.Action.Submit} also carries the status (fresh submission ID) to persist before
 * spark-submit runs, and {@link io.sparkoperator.state.StateMachine#afterSubmission} turns the
 * {@link io.sparkoperator.state.SubmissionOutcome} into the next decision.
 *
 * <p>Depends only on the {@code api} model, fabric8's model types (Pod) as inputs, and the JDK. Never calls the
 * Kubernetes API, never reads the wall clock except through the injected {@link java.time.Clock}.
 */
package io.sparkoperator.state;
