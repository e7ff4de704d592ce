package io.sparkoperator.sparkapp;

import io.sparkoperator.runtime.ResourceKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spec edits seen by the informer and not yet acted on, per app. The informer marks; a reconciliation takes a
 * token, tells the state machine "spec changed", and clears the mark with that token only after its pass succeeded,
 * so an edit arriving meanwhile is not lost and a failed pass does not forget the edit.
 */
public final class PendingSpecChanges {
    private final ConcurrentHashMap<ResourceKey, Long> marks = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    public void mark(ResourceKey key) {
        marks.put(key, tokens.incrementAndGet());
    }

    /** The current mark, or 0 when the spec did not change. */
    public long peek(ResourceKey key) {
        return marks.getOrDefault(key, 0L);
    }

    public void clear(ResourceKey key, long token) {
        if (token != 0) {
            marks.remove(key, token);
        }
    }

    public void forget(ResourceKey key) {
        marks.remove(key);
    }
}
