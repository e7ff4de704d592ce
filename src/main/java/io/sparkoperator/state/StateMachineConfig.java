package io.sparkoperator.state;

import java.time.Duration;
import java.util.Objects;

/**
 * Operator-wide settings the state machine needs.
 *
 * @param driverPodCreationGracePeriod how long a SUBMITTED app may miss its driver pod before it fails
 *        ({@code --driver-pod-creation-grace-period}, default 10 s)
 * @param defaultTimeToLive TTL for COMPLETED/FAILED apps without {@code spec.timeToLiveSeconds};
 *        {@link Duration#ZERO} = none ({@code --default-time-to-live-seconds}, default off)
 * @param maxTrackedExecutors executors with {@code spark-exec-id} above this are not tracked in status (default 1000)
 * @param deleteUiOnTermination delete the UI Service/Ingress when the app reaches COMPLETED/FAILED (default true;
 *        the Go operator keeps them until the app is deleted)
 * @param resourceDeletionPoll how soon to look again while waiting for deleted resources to disappear (default 2 s)
 * @param apiServerUnavailableTimeout how long submissions that fail because the API server cannot be reached are
 *        retried without spending the app's submission retries ({@code --api-server-unavailable-timeout}, 10 min)
 */
public record StateMachineConfig(Duration driverPodCreationGracePeriod, Duration defaultTimeToLive,
        int maxTrackedExecutors, boolean deleteUiOnTermination, Duration resourceDeletionPoll,
        Duration apiServerUnavailableTimeout) {

    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_TRACKED_EXECUTORS = 1000;
    public static final Duration DEFAULT_DELETION_POLL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_API_SERVER_UNAVAILABLE_TIMEOUT = Duration.ofMinutes(10);

    public StateMachineConfig {
        Objects.requireNonNull(driverPodCreationGracePeriod, "driverPodCreationGracePeriod");
        Objects.requireNonNull(defaultTimeToLive, "defaultTimeToLive");
        Objects.requireNonNull(resourceDeletionPoll, "resourceDeletionPoll");
        Objects.requireNonNull(apiServerUnavailableTimeout, "apiServerUnavailableTimeout");
        if (driverPodCreationGracePeriod.isNegative() || defaultTimeToLive.isNegative()
                || apiServerUnavailableTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxTrackedExecutors < 0) {
            throw new IllegalArgumentException("maxTrackedExecutors must not be negative");
        }
    }

    public static StateMachineConfig defaults() {
        return new StateMachineConfig(DEFAULT_GRACE_PERIOD, Duration.ZERO, DEFAULT_MAX_TRACKED_EXECUTORS, true,
                DEFAULT_DELETION_POLL, DEFAULT_API_SERVER_UNAVAILABLE_TIMEOUT);
    }

    public StateMachineConfig withDefaultTimeToLive(Duration ttl) {
        return new StateMachineConfig(driverPodCreationGracePeriod, ttl, maxTrackedExecutors, deleteUiOnTermination,
                resourceDeletionPoll, apiServerUnavailableTimeout);
    }

    public StateMachineConfig withDriverPodCreationGracePeriod(Duration grace) {
        return new StateMachineConfig(grace, defaultTimeToLive, maxTrackedExecutors, deleteUiOnTermination,
                resourceDeletionPoll, apiServerUnavailableTimeout);
    }

    public StateMachineConfig withDeleteUiOnTermination(boolean delete) {
        return new StateMachineConfig(driverPodCreationGracePeriod, defaultTimeToLive, maxTrackedExecutors, delete,
                resourceDeletionPoll, apiServerUnavailableTimeout);
    }

    public StateMachineConfig withMaxTrackedExecutors(int max) {
        return new StateMachineConfig(driverPodCreationGracePeriod, defaultTimeToLive, max, deleteUiOnTermination,
                resourceDeletionPoll, apiServerUnavailableTimeout);
    }

    public StateMachineConfig withApiServerUnavailableTimeout(Duration timeout) {
        return new StateMachineConfig(driverPodCreationGracePeriod, defaultTimeToLive, maxTrackedExecutors,
                deleteUiOnTermination, resourceDeletionPoll, timeout);
    }
}
