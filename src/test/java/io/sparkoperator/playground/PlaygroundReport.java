package io.sparkoperator.playground;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.ApiGroup;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.testing.PodTransition;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Prints what happens in one namespace as it happens, each line with the seconds since the start: every
 * SparkApplication and SparkConnect state change (with its errorMessage), every Kubernetes Event, and the simulated kubelet's pod
 * transitions. Watches through informers, so no state in between is missed.
 */
final class PlaygroundReport {
    static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED");
    static final ResourceDefinitionContext SCHEDULED = new ResourceDefinitionContext.Builder()
            .withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION).withKind(ApiGroup.SCHEDULED_SPARK_APPLICATION)
            .withPlural("scheduledsparkapplications").withNamespaced(true).build();
    /** Where a SparkConnect's show ends: its server is Ready (a client could connect), or it cannot be. */
    static final Set<String> CONNECT_ENDS = Set.of("Ready", "Failed", "Completed");
    static final ResourceDefinitionContext CONNECTS = new ResourceDefinitionContext.Builder()
            .withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION_V1ALPHA1).withKind(ApiGroup.SPARK_CONNECT)
            .withPlural("sparkconnects").withNamespaced(true).build();

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, String> schedules = new ConcurrentHashMap<>();

    /** Reports on apps and Events in {@code namespace}; {@code onState} gets (app name, state) on every change. */
    PlaygroundReport(KubernetesClient client, String namespace, PrintStream out,
            BiConsumer<String, String> onState) {
        this.out = out;
        SparkApplications.api(client).inNamespace(namespace).inform(handler(app -> {
            String name = app.getMetadata().getName();
            String state = nested(app, "status", "applicationState", "state");
            String before = states.put(name, state);
            if (!state.equals(before)) {
                String error = nested(app, "status", "applicationState", "errorMessage").strip();
                line("SparkApplication " + namespace + "/" + name + ": " + (before == null ? "(new)" : quoted(before))
                        + " -> " + quoted(state) + (error.isEmpty() ? "" : "   errorMessage: " + error));
                onState.accept(name, state);
            }
        }), 0);
        client.genericKubernetesResources(SCHEDULED).inNamespace(namespace).inform(handler(this::schedule), 0);
        client.v1().events().inNamespace(namespace).inform(handler(this::event), 0);
        client.genericKubernetesResources(CONNECTS).inNamespace(namespace).inform(handler(connect -> {
            String name = connect.getMetadata().getName();
            String state = nested(connect, "status", "state");
            String before = states.put("SparkConnect/" + name, state);
            if (!state.equals(before)) {
                line("SparkConnect " + namespace + "/" + name + ": " + (before == null ? "(new)" : quoted(before))
                        + " -> " + quoted(state));
                onState.accept(name, state);
            }
        }), 0);
    }

    /** A ScheduledSparkApplication can wait minutes for its first run: say when it is due. */
    private void schedule(GenericKubernetesResource scheduled) {
        String name = scheduled.getMetadata().getName();
        String state = nested(scheduled, "status", "scheduleState");
        String next = nested(scheduled, "status", "nextRun");
        String said = state + " " + next;
        if (state.isEmpty() || said.equals(schedules.put(name, said))) {
            return;
        }
        String due = "";
        if (!next.isEmpty()) {
            long seconds = Duration.between(Instant.now(), Instant.parse(next)).toSeconds();
            due = ", next run due at " + next + (seconds >= 0 ? " (in " + seconds + " s)" : "");
        }
        String error = nested(scheduled, "status", "reason").strip();
        line("ScheduledSparkApplication " + scheduled.getMetadata().getNamespace() + "/" + name + ": " + state + due
                + (error.isEmpty() ? "" : "   reason: " + error));
    }

    synchronized void line(String text) {
        out.printf("[%5.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, text);
    }

    void pod(PodTransition transition) {
        line("Pod " + transition.namespace() + "/" + transition.name() + ": "
                + (transition.from().phase().isEmpty() ? "created" : transition.from().phase()) + " -> "
                + transition.to().phase()
                + (transition.exitCode() == null ? "" : " (driver exit code " + transition.exitCode() + ")")
                + "   [simulated kubelet]");
    }

    private void event(Event event) {
        line("Event " + event.getType() + " " + event.getReason() + " (" + event.getInvolvedObject().getKind() + " "
                + event.getInvolvedObject().getName() + "): " + event.getMessage()
                + (event.getCount() != null && event.getCount() > 1 ? " (x" + event.getCount() + ")" : ""));
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                onChange.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                onChange.accept(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
            }
        };
    }

    private static String nested(GenericKubernetesResource app, String... path) {
        Object node = app.getAdditionalProperties();
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return "";
            }
            node = map.get(key);
        }
        return node == null ? "" : node.toString();
    }

    private static String quoted(String state) {
        return state.isEmpty() ? "\"\"" : state;
    }
}
