package io.sparkoperator.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The Go operator's flags: {@code --enable-batch-scheduler} (Volcano, YuniKorn and each of {@code
 * --kube-scheduler-names} become usable), {@code --default-batch-scheduler} (for apps without
 * {@code spec.batchScheduler}) and {@code --enable-driver-pdb} (honour {@code spec.driverPodDisruptionBudget}).
 */
public record BatchSettings(boolean enabled, String defaultScheduler, List<String> kubeSchedulerNames,
        boolean driverPdb) {

    public BatchSettings {
        defaultScheduler = defaultScheduler == null ? "" : defaultScheduler.strip();
        kubeSchedulerNames = kubeSchedulerNames.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    public static BatchSettings disabled() {
        return new BatchSettings(false, "", List.of(), false);
    }

    /** The scheduler names apps may use: none unless enabled (kube-scheduler names too, as in the Go operator). */
    public List<String> registered() {
        if (!enabled) {
            return List.of();
        }
        List<String> names = new ArrayList<>(List.of(Volcano.NAME, YuniKorn.NAME));
        kubeSchedulerNames.stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    /** Start-up check (the Go operator exits 1 on it): the default scheduler must be one that is registered. */
    public List<String> problems() {
        if (enabled && !defaultScheduler.isEmpty() && !registered().contains(defaultScheduler)) {
            return List.of("--default-batch-scheduler=" + defaultScheduler + " is not a registered batch scheduler"
                    + " (registered: " + String.join(", ", registered()) + ")");
        }
        if (!enabled && !defaultScheduler.isEmpty()) {
            return List.of("--default-batch-scheduler=" + defaultScheduler + " needs --enable-batch-scheduler");
        }
        return List.of();
    }
}
