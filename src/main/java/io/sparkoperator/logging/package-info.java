/**
 * Operator logging on java.util.logging: {@link io.sparkoperator.logging.LoggingSetup} installs one stderr handler
 * with a {@link io.sparkoperator.logging.PlainFormatter} or {@link io.sparkoperator.logging.JsonFormatter} (one line
 * per record) at the configured level; {@link io.sparkoperator.logging.Log} writes lines bound to a resource
 * ({@code SparkApplication(ns/name)}) with key-value fields and masks secret-looking keys;
 * {@link io.sparkoperator.logging.LogContext} tags everything a reconciliation thread logs, fabric8 included.
 * Depends on the JDK, Jackson core and fabric8's model only.
 */
package io.sparkoperator.logging;
