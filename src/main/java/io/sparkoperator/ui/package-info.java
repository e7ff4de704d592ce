/**
 * The Spark UI exposure of a SparkApplication: its Service ({@link io.sparkoperator.ui.UiService}) and optional
 * Ingress ({@link io.sparkoperator.ui.UiIngress}), their names ({@link io.sparkoperator.ui.UiNames}), create-first
 * writes ({@link io.sparkoperator.ui.UiResourceApplier}) and the operator's options for them
 * ({@link io.sparkoperator.ui.UiServiceOptions}, {@link io.sparkoperator.ui.IngressOptions});
 * {@link io.sparkoperator.ui.UiExposure} is what the SparkApplication reconciler calls.
 *
 * <p>May depend on {@code api}, {@code submit} (the Ingress URL format), {@code runtime} (Events), fabric8 and the
 * JDK; not on {@code sparkapp}.
 */
package io.sparkoperator.ui;
