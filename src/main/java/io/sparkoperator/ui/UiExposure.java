package io.sparkoperator.ui;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkoperator.api.DriverInfo;
import io.sparkoperator.api.SparkApplication;
import io.sparkoperator.api.SparkApplicationStatus;
import io.sparkoperator.runtime.EventRecorder;

/**
 * The Spark UI of a running driver: makes the Service (and Ingress when configured) exist as built, and records
 * where the UI is in {@code status.driverInfo}. A spec that cannot be exposed (bad {@code spark.ui.port}, an
 * ingress URL without host) gets a Warning Event; the app itself runs on.
 */
public final class UiExposure {
    static final String UI_FAILED_REASON = "SparkUIServiceFailed";

    private final KubernetesClient client;
    private final UiResourceApplier applier;
    private final UiServiceOptions options;
    private final EventRecorder events;

    public UiExposure(KubernetesClient client, UiServiceOptions options, EventRecorder events) {
        this.client = client;
        this.applier = new UiResourceApplier(client);
        this.options = options;
        this.events = events;
    }

    /** @param app the app carrying {@code status} (labels use its submission ID, the ingress URL its app ID) */
    public SparkApplicationStatus ensure(SparkApplication app, SparkApplicationStatus status) {
        if (!options.enabled()) {
            return status;
        }
        boolean recorded = status.driverInfo() != null && status.driverInfo().webUIServiceName() != null;
        if (recorded && !(options.ingress().enabled() && options.ingress().usesAppId())) {
            return status; // made by the submitting pass; only an Ingress URL with the app ID needs a second look
        }
        try {
            Service service = applier.apply(UiService.build(app));
            int port = service.getSpec().getPorts().get(0).getPort();
            String clusterIp = service.getSpec().getClusterIP();
            // A headless Service, or a server that assigned none yet, has no address to show: leave it out
            // rather than record ":4040".
            String address = clusterIp == null || clusterIp.isBlank() || clusterIp.equals("None") ? null
                    : clusterIp + ":" + port;
            DriverInfo info = status.driverInfo() == null ? new DriverInfo(null, null, null, null, null, null)
                    : status.driverInfo();
            String ingressName = info.webUIIngressName();
            String ingressAddress = info.webUIIngressAddress();
            if (options.ingress().enabled()) {
                UiIngress.Desired ingress = UiIngress.build(app, service, options.ingress());
                applier.apply(ingress.ingress());
                ingressName = ingress.ingress().getMetadata().getName();
                ingressAddress = ingress.address();
            }
            return status.withDriverInfo(new DriverInfo(service.getMetadata().getName(), address, port,
                    ingressName, ingressAddress, info.podName()));
        } catch (IllegalArgumentException e) {
            events.warning(app, UI_FAILED_REASON, "Spark UI of " + app.getMetadata().getName()
                    + " is not exposed: " + e.getMessage());
            return status;
        }
    }

    public boolean exists(String namespace, String appName) {
        return client.services().inNamespace(namespace).withName(UiNames.service(appName)).get() != null
                || options.ingress().enabled() && client.network().v1().ingresses().inNamespace(namespace)
                        .withName(UiNames.ingress(appName)).get() != null;
    }

    /** With Ingresses switched off the operator neither looks for nor deletes one (as {@link #exists}). */
    public void delete(String namespace, String appName) {
        applier.delete(namespace, appName, options.ingress().enabled());
    }
}
