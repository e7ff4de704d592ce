/**
 * The generic controller runtime; it knows nothing about Spark and could run any reconciler.
 *
 * <ul>
 * <li>{@link io.sparkoperator.runtime.Reconciler} does one pass for a {@link io.sparkoperator.runtime.ResourceKey}
 * and answers a {@link io.sparkoperator.runtime.ReconcileResult}; a
 * {@link io.sparkoperator.runtime.ReconcileObserver} is told about each finished pass (metrics).</li>
 * <li>{@link io.sparkoperator.runtime.KeyedDispatcher}: one virtual thread per pass, one pass in flight per key, a
 * bound on passes at once (urgent keys first), bursts coalesced, requeue timers on a
 * {@link io.sparkoperator.runtime.DelayScheduler}, capped exponential {@link io.sparkoperator.runtime.Backoff}.</li>
 * <li>{@link io.sparkoperator.runtime.InformerGroup}: one fabric8 informer per watched namespace (or one for all),
 * seen as one cache; {@link io.sparkoperator.runtime.ShardedInformerGroup} one such group per shard held (started
 * and stopped with the shard), plus one for the unlabelled objects; {@link io.sparkoperator.runtime.KeyEventHandler}
 * queues an object's key on each change.</li>
 * <li>{@link io.sparkoperator.runtime.LeaderGate}: runs its work only while holding the Lease.</li>
 * <li>Active-active sharding ({@code --shards} above 1): {@link io.sparkoperator.runtime.ShardHash} places a key in
 * a shard, {@link io.sparkoperator.runtime.ShardGate} admits passes only for shards held here and prepared (their
 * caches listed), and marks the first
 * pass of a term to read live), {@link io.sparkoperator.runtime.ShardLeases} keeps member and shard Leases (balance,
 * hand-over after running passes ended, take-over on expiry, fencing at the renew deadline).</li>
 * <li>{@link io.sparkoperator.runtime.EventRecorder}: core/v1 Events with repeat counting, never failing the
 * caller.</li>
 * </ul>
 *
 * <p>May depend on fabric8 and the JDK only: no other package of this operator.
 */
package io.sparkoperator.runtime;
