package io.sparkoperator.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * This replica's side of sharding, without any Kubernetes call: which shards it may reconcile now, which passes
 * run for each shard, and which keys have not yet had a pass since their shard was acquired. {@link ShardLeases}
 * opens and closes shards as it gains and gives up their Leases.
 *
 * <p>A pass is admitted only while its shard is open; a shard being handed over is closed first and its Lease is
 * released only once {@link #idle} says its admitted passes ended, so two replicas never run a pass for one key at
 * once. The first pass of a key in a new term {@linkplain #mustReadLive reads live}: the cache may still hold a
 * version from before the previous owner's last write.
 *
 * <p>With {@link #prepareWith preparers} (caches that watch per shard), a taken shard opens only once each has
 * listed its objects: a pass never runs on a half-filled cache. {@link #forget} tells them the shard is gone.
 */
public final class ShardGate {
    private final int shards;
    private final boolean[] open;
    /** Taken and not closed since: opens when its preparation ends. */
    private final boolean[] wanted;
    private final long[] terms;
    private final List<Set<Thread>> running = new ArrayList<>();
    private final ConcurrentHashMap<ResourceKey, Long> lastTermPassed = new ConcurrentHashMap<>();
    private final Set<ResourceKey> readLive = ConcurrentHashMap.newKeySet();
    private long nextTerm;
    private final List<IntConsumer> onOpened = new CopyOnWriteArrayList<>();
    private final List<IntFunction<? extends CompletionStage<?>>> preparers = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> onForgotten = new CopyOnWriteArrayList<>();
    private final System.Logger log = System.getLogger(ShardGate.class.getName());

    public ShardGate(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        this.shards = shards;
        this.open = new boolean[shards];
        this.wanted = new boolean[shards];
        this.terms = new long[shards];
        for (int i = 0; i < shards; i++) {
            running.add(new HashSet<>());
        }
    }

    public int shards() {
        return shards;
    }

    public int shardOf(ResourceKey shardKey) {
        return ShardHash.shardOf(shardKey, shards);
    }

    /** Told each time a shard opens (after its Lease was acquired): queue its keys. One per controller. */
    public void onOpened(IntConsumer listener) {
        onOpened.add(listener);
    }

    /** Whether a pass for a key with this shard key would run now (used to drop events early). */
    public synchronized boolean admits(ResourceKey shardKey) {
        return open[shardOf(shardKey)];
    }

    /**
     * Runs {@code inner} only while the key's shard is open here; otherwise the pass is a no-op. {@code shardKeyOf}
     * names the key whose hash decides (a scheduled run goes with its parent).
     */
    public Reconciler guard(Reconciler inner, Function<ResourceKey, ResourceKey> shardKeyOf) {
        return key -> {
            int shard = shardOf(shardKeyOf.apply(key));
            long term;
            Thread self = Thread.currentThread();
            synchronized (this) {
                if (!open[shard]) {
                    return ReconcileResult.done();
                }
                term = terms[shard];
                running.get(shard).add(self);
            }
            Long passed = lastTermPassed.get(key);
            if (passed == null || passed != term) {
                readLive.add(key);
            }
            try {
                ReconcileResult result = inner.reconcile(key);
                lastTermPassed.put(key, term);
                readLive.remove(key);
                return result;
            } finally {
                synchronized (this) {
                    running.get(shard).remove(self);
                    notifyAll();
                }
            }
        };
    }

    /** True during the first pass of a key since its shard was opened (until one such pass succeeded). */
    public boolean mustReadLive(ResourceKey key) {
        return readLive.contains(key);
    }

    /**
     * Before a taken shard opens, {@code preparer} must have completed for it (e.g. its cache listed). Registered
     * before any shard is taken; a preparation that fails keeps the shard closed.
     */
    public void prepareWith(IntFunction<? extends CompletionStage<?>> preparer) {
        preparers.add(preparer);
    }

    /** Told when a shard is forgotten (its Lease released or lost): what was prepared for it can go. */
    public void onForgotten(IntConsumer listener) {
        onForgotten.add(listener);
    }

    /**
     * The Lease was acquired: prepare the shard, then admit passes in a new term and tell the listeners. Returns at
     * once; the shard opens when the preparers are done, unless it was closed meanwhile.
     */
    public void open(int shard) {
        long term;
        synchronized (this) {
            wanted[shard] = true;
            term = ++nextTerm;
            terms[shard] = term;
        }
        CompletableFuture<?>[] preparing = preparers.stream().map(p -> p.apply(shard).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(preparing).whenComplete((done, error) -> {
            boolean opened;
            synchronized (this) {
                boolean current = wanted[shard] && terms[shard] == term;
                opened = current && error == null;
                open[shard] |= opened;
                if (current && error != null && !(error instanceof CancellationException)) {
                    // (a preparation cut short because the shard was given up is no news)
                    log.log(System.Logger.Level.ERROR, () -> "shard " + shard + " cannot be prepared, not"
                            + " reconciling it: " + error);
                }
            }
            if (opened) {
                onOpened.forEach(listener -> listener.accept(shard));
            }
        });
    }

    /** Stop admitting passes (hand-over begins); running ones finish. */
    public synchronized void close(int shard) {
        open[shard] = false;
        wanted[shard] = false;
    }

    /** The Lease could not be kept: close and interrupt the running passes (they must end before it expires). */
    public synchronized void revoke(int shard) {
        open[shard] = false;
        wanted[shard] = false;
        running.get(shard).forEach(Thread::interrupt);
    }

    /** No admitted pass of this shard is running. */
    public synchronized boolean idle(int shard) {
        return running.get(shard).isEmpty();
    }

    /** Forget the closed shard's term bookkeeping (its Lease is released). */
    public void forget(int shard) {
        long term;
        synchronized (this) {
            term = terms[shard];
        }
        lastTermPassed.values().removeIf(passed -> passed == term);
        onForgotten.forEach(listener -> listener.accept(shard));
    }

    public synchronized boolean isOpen(int shard) {
        return open[shard];
    }

    /** The open shards, ascending. */
    public synchronized List<Integer> openShards() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            if (open[i]) {
                list.add(i);
            }
        }
        return list;
    }

    /** Admitted passes running now, all shards. */
    public synchronized int running() {
        return running.stream().mapToInt(Set::size).sum();
    }
}
