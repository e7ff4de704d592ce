package io.sparkoperator.state;

import io.sparkoperator.api.SparkApplicationSpec;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A state machine on a fake clock (one hour after {@link Fixtures#T0}) with predictable submission IDs. */
final class Harness {
    final ManualClock clock = new ManualClock(Fixtures.T0.plus(Duration.ofHours(1)));
    final StateMachine machine;
    private int ids;

    Harness() {
        this(StateMachineConfig.defaults());
    }

    Harness(StateMachineConfig config) {
        machine = new StateMachine(config, clock, () -> "new-" + (++ids));
    }

    Instant now() {
        return clock.instant();
    }

    Decision decide(SparkApplicationSpec spec, SparkApplicationStatus status, Observation observed) {
        return machine.decide(Fixtures.app(spec, status), observed);
    }

    Decision after(SparkApplicationSpec spec, SparkApplicationStatus persisted, SubmissionOutcome outcome) {
        return machine.afterSubmission(Fixtures.app(spec, persisted), outcome);
    }

    static List<String> reasons(Decision decision) {
        return decision.events().stream().map(Action.RecordEvent::reason).toList();
    }

    /** The actions without events and requeue, for asserting what the controller must do. */
    static List<Action> effects(Decision decision) {
        return decision.actions().stream()
                .filter(a -> !(a instanceof Action.RecordEvent) && !(a instanceof Action.RequeueAfter))
                .toList();
    }
}
