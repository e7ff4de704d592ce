package io.sparkoperator.batch;

import io.sparkoperator.api.SparkApplication;

/**
 * Which scheduler an app gets: {@code spec.batchScheduler}, else {@code --default-batch-scheduler}. Naming one that
 * is not enabled fails the submission visibly; the Go operator would silently submit without the gang.
 */
public sealed interface SchedulerChoice {
    /** No batch scheduler: submit as is. */
    record None() implements SchedulerChoice {
    }

    record Chosen(BatchScheduler scheduler) implements SchedulerChoice {
    }

    /** Named but not usable; {@code message} is the app's SUBMISSION_FAILED reason. */
    record Unavailable(String message) implements SchedulerChoice {
    }

    static SchedulerChoice of(SparkApplication app, BatchSettings settings) {
        String named = app.getSpec().batchScheduler();
        String name = named != null && !named.isBlank() ? named.strip() : settings.enabled()
                ? settings.defaultScheduler() : "";
        if (name.isEmpty()) {
            return new None();
        }
        String prefix = "failed during batch scheduler setup or check: failed to get scheduler " + name + ": ";
        if (!settings.enabled()) {
            return new Unavailable(prefix + "batch scheduling is not enabled (spec.batchScheduler is \"" + name
                    + "\"; start the operator with --enable-batch-scheduler)");
        }
        if (name.equals(Volcano.NAME)) {
            return new Chosen(new Volcano());
        }
        if (name.equals(YuniKorn.NAME)) {
            return new Chosen(new YuniKorn());
        }
        if (settings.kubeSchedulerNames().contains(name)) {
            return new Chosen(new KubeScheduler(name));
        }
        return new Unavailable(prefix + "scheduler " + name + " not found (registered: "
                + String.join(", ", settings.registered()) + "; more with --kube-scheduler-names)");
    }
}
