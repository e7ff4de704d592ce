package io.sparkoperator.state;

import static io.sparkoperator.api.AppState.COMPLETED;
import static io.sparkoperator.api.AppState.FAILED;
import static io.sparkoperator.api.AppState.FAILING;
import static io.sparkoperator.api.AppState.INVALIDATING;
import static io.sparkoperator.api.AppState.NEW;
import static io.sparkoperator.api.AppState.PENDING_RERUN;
import static io.sparkoperator.api.AppState.RESUMING;
import static io.sparkoperator.api.AppState.RUNNING;
import static io.sparkoperator.api.AppState.SUBMISSION_FAILED;
import static io.sparkoperator.api.AppState.SUBMITTED;
import static io.sparkoperator.api.AppState.SUCCEEDING;
import static io.sparkoperator.api.AppState.SUSPENDED;
import static io.sparkoperator.api.AppState.SUSPENDING;
import static io.sparkoperator.api.AppState.UNKNOWN;

import io.sparkoperator.api.AppState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal moves between states (as in the Go operator). Staying in a state is always legal; any state may go
 * to INVALIDATING (spec change); any state but COMPLETED, FAILED and SUSPENDED may go to SUSPENDING.
 */
public final class Transitions {
    private static final Map<AppState, Set<AppState>> NEXT = new EnumMap<>(AppState.class);

    static {
        NEXT.put(NEW, EnumSet.of(SUBMITTED, SUBMISSION_FAILED));
        NEXT.put(SUBMITTED, EnumSet.of(RUNNING, SUCCEEDING, FAILING, UNKNOWN));
        NEXT.put(RUNNING, EnumSet.of(SUBMITTED, SUCCEEDING, FAILING, UNKNOWN));
        NEXT.put(UNKNOWN, EnumSet.of(SUBMITTED, RUNNING, SUCCEEDING, FAILING));
        NEXT.put(SUCCEEDING, EnumSet.of(COMPLETED, PENDING_RERUN));
        NEXT.put(FAILING, EnumSet.of(FAILED, PENDING_RERUN));
        NEXT.put(SUBMISSION_FAILED, EnumSet.of(SUBMITTED, FAILED));
        NEXT.put(PENDING_RERUN, EnumSet.of(SUBMITTED, SUBMISSION_FAILED));
        NEXT.put(INVALIDATING, EnumSet.of(PENDING_RERUN));
        NEXT.put(SUSPENDING, EnumSet.of(SUSPENDED));
        NEXT.put(SUSPENDED, EnumSet.of(RESUMING));
        NEXT.put(RESUMING, EnumSet.of(SUBMITTED, SUBMISSION_FAILED));
        NEXT.put(COMPLETED, EnumSet.noneOf(AppState.class));
        NEXT.put(FAILED, EnumSet.noneOf(AppState.class));
    }

    private Transitions() {
    }

    public static boolean isLegal(AppState from, AppState to) {
        if (from == to || to == INVALIDATING) {
            return true;
        }
        if (to == SUSPENDING) {
            return !from.isTerminal() && from != SUSPENDED;
        }
        return NEXT.get(from).contains(to);
    }

    /** Throws {@link IllegalTransitionException} unless {@code from -> to} is legal. */
    public static void requireLegal(AppState from, AppState to) {
        if (!isLegal(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** The states reachable in one step (besides staying, INVALIDATING and SUSPENDING). */
    public static Set<AppState> successors(AppState from) {
        return Collections.unmodifiableSet(NEXT.get(from));
    }
}
