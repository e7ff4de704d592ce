/**
 * Test support shared by the test tiers: a fabric8 {@code KubernetesMockServer} in CRUD mode extended with the
 * server-side apply that a real spark-submit needs ({@link io.sparkoperator.testing.ApplyPatchCrudDispatcher},
 * started by {@link io.sparkoperator.testing.SparkMockApiServer}), and locating the assembled Spark for integration
 * tests ({@link io.sparkoperator.testing.AssembledSparkHome}). Depends on fabric8's mock server and the JDK only;
 * usable by lifecycle tests of any package and a later playground.
 */
package io.sparkoperator.testing;
