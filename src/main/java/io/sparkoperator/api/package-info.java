/**
 * The {@code sparkoperator.k8s.io/v1beta2} API as Java types: the two custom resources, their spec and status
 * records with the exact JSON names of the Go operator, and the shared vocabulary (labels, conf keys, event
 * reasons). Depends only on Jackson and fabric8's model. Records are immutable; absent fields are {@code null}
 * and defaults are applied in memory by the code that needs them, never written back.
 */
package io.sparkoperator.api;
