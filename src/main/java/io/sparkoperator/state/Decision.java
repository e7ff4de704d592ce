package io.sparkoperator.state;

import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one step: the status to persist (write it only when it differs from the current one) and the
 * actions to perform, in order. At most one {@link Action.RequeueAfter}, always last when present.
 */
public record Decision(SparkApplicationStatus status, List<Action> actions) {
    public Decision {
        Objects.requireNonNull(status, "status");
        actions = List.copyOf(actions);
    }

    /** The requested requeue delay, if any. */
    public Optional<Duration> requeueAfter() {
        return actions.stream()
                .filter(Action.RequeueAfter.class::isInstance)
                .map(a -> ((Action.RequeueAfter) a).delay())
                .findFirst();
    }

    /** The Submit action, if this decision asks for a spark-submit run. */
    public Optional<Action.Submit> submit() {
        return actions.stream().filter(Action.Submit.class::isInstance).map(Action.Submit.class::cast).findFirst();
    }

    /** The events to record, in order. */
    public List<Action.RecordEvent> events() {
        return actions.stream().filter(Action.RecordEvent.class::isInstance).map(Action.RecordEvent.class::cast)
                .toList();
    }

    public boolean has(Class<? extends Action> kind) {
        return actions.stream().anyMatch(kind::isInstance);
    }
}
