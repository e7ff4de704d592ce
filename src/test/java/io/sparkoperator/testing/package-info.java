/**
 * Test support shared by the test tiers: a fabric8 {@code KubernetesMockServer} in CRUD mode extended with the
 * server-side apply that a real spark-submit needs ({@link io.sparkoperator.testing.ApplyPatchCrudDispatcher},
 * started by {@link io.sparkoperator.testing.SparkMockApiServer}), and locating the assembled Spark for integration
 * tests ({@link io.sparkoperator.testing.AssembledSparkHome}). {@link io.sparkoperator.testing.SimulatedKubelet} stands
 * in for the kubelet: it moves pods in the mock API through Pending, Running and Succeeded/Failed (steered by
 * annotations), step by step or on its own. Depends on fabric8's mock server and the JDK only; used by lifecycle
 * tests of any package, the playground and the benchmarks.
 */
package io.sparkoperator.testing;
