package io.sparkoperator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.metrics.ControllerMetrics;
import io.sparkoperator.metrics.OperatorMetrics;
import io.sparkoperator.metrics.ReconcileOutcome;
import io.sparkoperator.metrics.SubmitOutcome;
import io.sparkoperator.runtime.ReconcileObserver;
import io.sparkoperator.sparkapp.ApplicationListener;
import io.sparkoperator.sparkapp.InvalidManifestException;
import io.sparkoperator.sparkapp.SparkApplications;
import io.sparkoperator.submit.SubmitResult;
import java.time.Clock;
import java.time.Duration;

/** Adapts the controller's seams (listeners, observers, watch-only handlers) to {@link OperatorMetrics}. */
final class MetricsWiring {
    private final OperatorMetrics metrics;
    private final Clock clock;

    MetricsWiring(OperatorMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    ReconcileObserver reconciles(ControllerMetrics.Controller controller) {
        return (key, took, result, failure) -> controller.onReconcile(
                failure != null ? ReconcileOutcome.ERROR : ReconcileOutcome.of(result.requeueAfter()), took);
    }

    ApplicationListener applications(ControllerMetrics.Controller controller) {
        return new ApplicationListener() {
            @Override
            public void statusConflict() {
                controller.onStatusConflict();
            }

            @Override
            public void statusWritten(SparkApplication app, SparkApplicationStatus before,
                    SparkApplicationStatus after) {
                metrics.applications().onStateTransition(app, before.state(), after.state(), clock.instant());
            }

            @Override
            public void submitted(SparkApplication app, SubmitResult result, Duration took) {
                metrics.controller().onSparkSubmitFinished(switch (result) {
                    case SubmitResult.Submitted ok -> SubmitOutcome.SUCCESS;
                    case SubmitResult.TimedOut timedOut -> SubmitOutcome.TIMEOUT;
                    default -> SubmitOutcome.FAILURE;
                }, took);
            }
        };
    }

    Controllers.Watchers watchers() {
        ResourceEventHandler<GenericKubernetesResource> apps = new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource app) {
                try {
                    metrics.applications().onApplicationAdded(SparkApplications.toTyped(app));
                } catch (InvalidManifestException e) {
                    // not countable; its status says why
                }
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                // transitions are reported by the reconciler as it writes them
            }

            @Override
            public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
            }
        };
        ResourceEventHandler<Pod> pods = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                metrics.executors().onExecutorPhase(after, phase(before), phase(after));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
            }
        };
        return new Controllers.Watchers(apps, pods);
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }
}
