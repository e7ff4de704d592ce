package io.sparkoperator.sparkapp;

import io.sparkoperator.runtime.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each app's submissions have failed because the API server was unavailable, so the retries stop after
 * a bound. Kept in memory: an operator restart starts the clock again, which errs on the side of not failing a job.
 */
final class OutageClock {
    private final Map<ResourceKey, Instant> since = new ConcurrentHashMap<>();

    /** How long {@code key} has been failing this way, counting from its first such failure (now, if this is it). */
    Duration since(ResourceKey key, Instant now) {
        return Duration.between(since.computeIfAbsent(key, k -> now), now);
    }

    void forget(ResourceKey key) {
        since.remove(key);
    }
}
