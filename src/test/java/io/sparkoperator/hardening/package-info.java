/**
 * Hardening tests: bad input (a catalog of manifests, each tried against the CRD schema and the operator), faults
 * (API errors, watch loss, crashes, a hanging or killed spark-submit) and privilege (RBAC against the calls the
 * code makes, secrets kept out of logs, Events and status). Test-only; may use every main package and the test
 * helpers of {@code io.sparkoperator.testing}.
 */
package io.sparkoperator.hardening;
