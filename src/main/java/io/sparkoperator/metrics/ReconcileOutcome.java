package io.sparkoperator.metrics;

import java.time.Duration;
import java.util.Optional;

/** The {@code result} label of {@code controller_runtime_reconcile_total}, with controller-runtime's values. */
public enum ReconcileOutcome {
    SUCCESS("success"), ERROR("error"), REQUEUE("requeue"), REQUEUE_AFTER("requeue_after");

    private final String label;

    ReconcileOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** From a reconciler's {@code requeueAfter}: none = success, zero = requeue, positive = requeue_after. */
    public static ReconcileOutcome of(Optional<Duration> requeueAfter) {
        if (requeueAfter.isEmpty()) {
            return SUCCESS;
        }
        return requeueAfter.get().isZero() || requeueAfter.get().isNegative() ? REQUEUE : REQUEUE_AFTER;
    }
}
