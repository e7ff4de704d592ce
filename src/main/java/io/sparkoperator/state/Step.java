package io.sparkoperator.state;

import io.sparkoperator.api.AppState;
import io.sparkoperator.api.ApplicationState;
import io.sparkoperator.api.SparkApplicationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds one {@link Decision}. Every state change goes through {@link #moveTo}, which rejects illegal transitions,
 * so no decision can carry one. Requeue requests are merged into one (the shortest), placed last.
 */
final class Step {
    private final AppState from;
    private SparkApplicationStatus status;
    private final List<Action> actions = new ArrayList<>();
    private Duration requeue;

    Step(SparkApplicationStatus current) {
        this.status = current;
        this.from = current.state();
    }

    SparkApplicationStatus status() {
        return status;
    }

    Step moveTo(AppState to, String errorMessage) {
        Transitions.requireLegal(from, to);
        status = status.withApplicationState(new ApplicationState(to, errorMessage));
        return this;
    }

    /** Moves to {@code to} keeping the current error message. */
    Step moveTo(AppState to) {
        return moveTo(to, status.applicationState() == null ? null : status.applicationState().errorMessage());
    }

    Step update(UnaryOperator<SparkApplicationStatus> change) {
        status = change.apply(status);
        return this;
    }

    Step act(Action action) {
        if (action instanceof Action.RequeueAfter(Duration delay)) {
            return requeueAfter(delay);
        }
        actions.add(action);
        return this;
    }

    Step actAll(List<? extends Action> more) {
        more.forEach(this::act);
        return this;
    }

    Step requeueAfter(Duration delay) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        requeue = requeue == null || d.compareTo(requeue) < 0 ? d : requeue;
        return this;
    }

    /** The next step is due at once (the machine persists each state before taking the next step). */
    Step continueNow() {
        return requeueAfter(Duration.ZERO);
    }

    Decision decision() {
        List<Action> all = new ArrayList<>(actions);
        if (requeue != null) {
            all.add(new Action.RequeueAfter(requeue));
        }
        return new Decision(status, all);
    }
}
