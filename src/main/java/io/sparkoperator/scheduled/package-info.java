/**
 * The ScheduledSparkApplication reconciliation: {@link io.sparkoperator.scheduled.ScheduledSparkApplicationReconciler}
 * reads the parent and its child runs, asks {@link io.sparkoperator.scheduled.RunDecider} (a pure function of spec,
 * status, children and now) for a {@link io.sparkoperator.scheduled.RunDecision}, then deletes replaced or pruned
 * runs, creates the run, writes status ({@link io.sparkoperator.scheduled.StatusPatch}) and records
 * {@link io.sparkoperator.scheduled.RunEvent}s.
 *
 * <ul>
 * <li>{@link io.sparkoperator.scheduled.SpecCheck}: a spec is usable (its parsed schedule and history limits) or
 * invalid (a reason).</li>
 * <li>{@link io.sparkoperator.scheduled.ChildRun} and {@link io.sparkoperator.scheduled.RunHistory}: what the
 * decision knows of each run and which finished runs are kept.</li>
 * <li>{@link io.sparkoperator.scheduled.RunLinks}: how runs and their parent refer to each other (labels, owner
 * references), so a child's change wakes its parent.</li>
 * <li>{@link io.sparkoperator.scheduled.UnreadableScheduledApp}: a parent the model cannot read still gets a
 * FailedValidation status and Event.</li>
 * </ul>
 *
 * <p>May depend on {@code api}, {@code schedule}, {@code sparkapp} (its runs are SparkApplications),
 * {@code runtime}, fabric8 and the JDK.
 */
package io.sparkoperator.scheduled;
