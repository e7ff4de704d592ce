/**
 * The controller runtime: informers, the keyed dispatcher that runs one reconciliation per key on a virtual
 * thread, the reconcilers for SparkApplication and ScheduledSparkApplication, status writing, and the Spark UI
 * Service/Ingress. This is the only layer that talks to the Kubernetes API; decisions come from {@code state}.
 */
package io.sparkoperator.controller;
