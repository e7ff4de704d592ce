package io.sparkoperator.sparkconnect;

import io.sparkoperator.api.SparkConnectStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What one pass does: the status to write, at most one action on the server pod, Events, when to come back. */
record ConnectDecision(SparkConnectStatus status, Action action, List<ConnectEvent> events,
        Optional<Duration> requeueAfter) {
    enum Action {
        NONE,
        /** No server pod: create it (and the ConfigMap and Service, which every pass ensures anyway). */
        CREATE,
        /** The pod was built from an older spec: delete it; the next pass creates the new one. */
        ROLL,
        /** The pod ended and the restart policy allows another: delete it; the next pass creates the new one. */
        RESTART
    }
}
