package io.sparkoperator.state;

import io.sparkoperator.api.SparkApplicationSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * The effective TTL of a finished app: {@code spec.timeToLiveSeconds} when set (zero or less = expire at once),
 * else the operator default when positive, else none.
 */
public final class TimeToLive {
    private TimeToLive() {
    }

    public static Optional<Duration> effective(SparkApplicationSpec spec, Duration operatorDefault) {
        Long seconds = spec == null ? null : spec.timeToLiveSeconds();
        if (seconds != null) {
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        }
        return operatorDefault.isZero() ? Optional.empty() : Optional.of(operatorDefault);
    }

    /** Expired when the time since termination exceeds the TTL; a TTL of zero expires at once. */
    public static boolean expired(Duration ttl, Duration sinceTermination) {
        return ttl.isZero() || sinceTermination.compareTo(ttl) > 0;
    }
}
