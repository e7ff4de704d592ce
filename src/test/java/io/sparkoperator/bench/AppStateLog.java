package io.sparkoperator.bench;

import io.sparkoperator.api.Labels;
import io.sparkoperator.bench.apiserver.ObjectStore;
import io.sparkoperator.bench.apiserver.WatchEventView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every application state change the store saw (app name, state, when on {@link System#nanoTime()}), and every driver
 * pod created, per app: what the replica benchmark needs to say when a dead replica's apps moved again and that each
 * app got exactly one driver.
 */
final class AppStateLog {
    /** One change of {@code status.applicationState.state}. */
    record Change(long nanos, String state) {
    }

    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();
    private final Map<String, Integer> driversCreated = new ConcurrentHashMap<>();

    AppStateLog(ObjectStore store) {
        store.listen(this::seen);
    }

    private void seen(WatchEventView event) {
        if (event.kind().equals(LifecycleTracker.APPS) && event.type().equals("MODIFIED")) {
            String state = event.object().path("status").path("applicationState").path("state").asText("");
            List<Change> list = changes.computeIfAbsent(event.name(), name -> new ArrayList<>());
            synchronized (list) {
                if (list.isEmpty() || !list.get(list.size() - 1).state().equals(state)) {
                    list.add(new Change(System.nanoTime(), state));
                }
            }
        } else if (event.kind().equals("pods") && event.type().equals("ADDED")
                && Labels.ROLE_DRIVER.equals(event.labels().get(Labels.SPARK_ROLE))) {
            driversCreated.merge(event.labels().getOrDefault("spark-app-name", event.name()), 1, Integer::sum);
        }
    }

    /** The app's state at {@code nanos} ("" before its first status). */
    String stateAt(String app, long nanos) {
        String state = "";
        for (Change change : copy(app)) {
            if (change.nanos() > nanos) {
                break;
            }
            state = change.state();
        }
        return state;
    }

    /** When the app's state first changed after {@code nanos}, or -1. */
    long firstChangeAfter(String app, long nanos) {
        for (Change change : copy(app)) {
            if (change.nanos() > nanos) {
                return change.nanos();
            }
        }
        return -1;
    }

    /** Apps among {@code names} that did not get exactly one driver pod. */
    List<String> notOneDriver(List<String> names) {
        return names.stream().filter(name -> driversCreated.getOrDefault(name, 0) != 1)
                .map(name -> name + " (" + driversCreated.getOrDefault(name, 0) + " drivers)").toList();
    }

    private List<Change> copy(String app) {
        List<Change> list = changes.getOrDefault(app, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
