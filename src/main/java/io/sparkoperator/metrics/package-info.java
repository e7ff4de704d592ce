/**
 * Observability of the operator and of Spark: the Go-compatible {@code spark_application_*} and
 * {@code spark_executor_*} metrics ({@link io.sparkoperator.metrics.ApplicationMetrics},
 * {@link io.sparkoperator.metrics.ExecutorMetrics}), applications per state and time in state for stuck-app alerts
 * ({@link io.sparkoperator.metrics.ApplicationStates}), controller (with leadership and readiness), JVM and process
 * metrics, all gathered by {@link io.sparkoperator.metrics.OperatorMetrics}; the {@code /metrics}, {@code /healthz}
 * and {@code /readyz} endpoints ({@link io.sparkoperator.metrics.OperatorEndpoints}); and the
 * {@code <app>-prom-conf} ConfigMap for Spark's JMX exporter ({@link io.sparkoperator.metrics.PrometheusConfigMap}).
 *
 * <p>Metrics are snapshots built at scrape time from small thread-safe families (the Prometheus model module only;
 * no metrics-core): gauges are derived from suppliers of the informer caches, counters change through event methods
 * the controller calls. Depends on {@code api}, fabric8's model and the Prometheus exporter; never on
 * {@code controller} or {@code submit} (they call in).
 */
package io.sparkoperator.metrics;
