package io.sparkoperator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A taken shard opens only once its caches are prepared; one given up meanwhile stays shut. */
class ShardGateTest {
    private final ShardGate gate = new ShardGate(4);
    private final List<CompletableFuture<Void>> preparing = new CopyOnWriteArrayList<>();
    private final List<Integer> opened = new CopyOnWriteArrayList<>();
    private final List<Integer> forgotten = new CopyOnWriteArrayList<>();
    private final AtomicInteger passes = new AtomicInteger();
    private final Reconciler pass = gate.guard(key -> {
        passes.incrementAndGet();
        return ReconcileResult.done();
    }, key -> key);

    ShardGateTest() {
        gate.prepareWith(shard -> {
            CompletableFuture<Void> future = new CompletableFuture<>();
            preparing.add(future);
            return future;
        });
        gate.onOpened(opened::add);
        gate.onForgotten(forgotten::add);
    }

    private ResourceKey keyIn(int shard) {
        for (int i = 0; ; i++) {
            ResourceKey key = new ResourceKey("ns", "app-" + i);
            if (gate.shardOf(key) == shard) {
                return key;
            }
        }
    }

    @Test
    void aShardOpensOnlyOnceItsCachesAreListed() throws Exception {
        gate.open(2);
        assertFalse(gate.isOpen(2), "not before its objects are listed");
        pass.reconcile(keyIn(2));
        assertEquals(0, passes.get(), "no pass on a half-filled cache");
        assertEquals(List.of(), opened);
        preparing.get(0).complete(null);
        assertTrue(gate.isOpen(2));
        assertEquals(List.of(2), opened, "listeners hear of it once it is open (they queue its keys)");
        pass.reconcile(keyIn(2));
        assertEquals(1, passes.get());
    }

    @Test
    void aShardGivenUpWhileListingNeverOpens() {
        gate.open(1);
        gate.close(1);
        gate.forget(1);
        assertEquals(List.of(1), forgotten, "the caches of a forgotten shard are told to go");
        preparing.get(0).complete(null);
        assertFalse(gate.isOpen(1));
        assertEquals(List.of(), opened);
    }

    @Test
    void aShardTakenAgainOpensOnTheNewPreparationOnly() {
        gate.open(3);
        gate.revoke(3);
        gate.open(3);
        preparing.get(0).complete(null);
        assertFalse(gate.isOpen(3), "the first term's preparation does not open the second");
        preparing.get(1).complete(null);
        assertTrue(gate.isOpen(3));
        assertEquals(List.of(3), opened);
    }

    @Test
    void aFailedPreparationKeepsTheShardShut() {
        gate.open(0);
        preparing.get(0).completeExceptionally(new IllegalStateException("cannot list"));
        assertFalse(gate.isOpen(0));
        assertEquals(List.of(), opened);
    }
}
