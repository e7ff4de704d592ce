package io.sparkoperator.ui;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the UI Service and Ingress look as built: create (the usual case), or on "already exists" update with the
 * stored resourceVersion when labels, annotations, owner references or the relevant spec differ (no server-side
 * apply); delete on request.
 * Fields the API server owns (a Service's clusterIP and friends) are kept from the stored object.
 */
public final class UiResourceApplier {
    private final KubernetesClient client;

    public UiResourceApplier(KubernetesClient client) {
        this.client = client;
    }

    /** @return the Service as stored (its clusterIP feeds {@code webUIAddress}) */
    public Service apply(Service desired) {
        String namespace = desired.getMetadata().getNamespace();
        Service existing;
        try {
            // Create first: the Service is new for almost every app, so a GET before would be a 404 each time.
            return client.services().inNamespace(namespace).resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            existing = client.services().inNamespace(namespace).withName(desired.getMetadata().getName()).get();
            if (existing == null) {
                throw e; // deleted between the two calls: the next pass creates it
            }
        }
        if (sameMetadata(existing, desired)
                && Objects.equals(existing.getSpec().getType(), desired.getSpec().getType())
                && Objects.equals(existing.getSpec().getPorts(), desired.getSpec().getPorts())
                && Objects.equals(existing.getSpec().getSelector(), desired.getSpec().getSelector())) {
            return existing;
        }
        copyMetadata(desired, existing);
        existing.getSpec().setType(desired.getSpec().getType());
        existing.getSpec().setPorts(desired.getSpec().getPorts());
        existing.getSpec().setSelector(desired.getSpec().getSelector());
        return client.services().inNamespace(namespace).resource(existing).update();
    }

    public Ingress apply(Ingress desired) {
        String namespace = desired.getMetadata().getNamespace();
        var ingresses = client.network().v1().ingresses().inNamespace(namespace);
        Ingress existing;
        try {
            return ingresses.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            existing = ingresses.withName(desired.getMetadata().getName()).get();
            if (existing == null) {
                throw e;
            }
        }
        if (sameMetadata(existing, desired) && Objects.equals(existing.getSpec(), desired.getSpec())) {
            return existing;
        }
        copyMetadata(desired, existing);
        existing.setSpec(desired.getSpec());
        return ingresses.resource(existing).update();
    }

    /**
     * Deletes an app's UI Service, and its Ingress when the operator makes Ingresses, if present.
     *
     * @return true when something was deleted
     */
    public boolean delete(String namespace, String appName, boolean withIngress) {
        boolean service = !client.services().inNamespace(namespace).withName(UiNames.service(appName)).delete()
                .isEmpty();
        boolean ingress = withIngress && !client.network().v1().ingresses().inNamespace(namespace)
                .withName(UiNames.ingress(appName)).delete().isEmpty();
        return service || ingress;
    }

    private static boolean sameMetadata(HasMetadata existing,
            HasMetadata desired) {
        return Objects.equals(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && Objects.equals(emptyToNull(existing.getMetadata().getAnnotations()),
                        emptyToNull(desired.getMetadata().getAnnotations()))
                && Objects.equals(existing.getMetadata().getOwnerReferences(),
                        desired.getMetadata().getOwnerReferences());
    }

    private static void copyMetadata(HasMetadata from,
            HasMetadata to) {
        to.getMetadata().setLabels(from.getMetadata().getLabels());
        to.getMetadata().setAnnotations(from.getMetadata().getAnnotations());
        to.getMetadata().setOwnerReferences(from.getMetadata().getOwnerReferences());
    }

    private static Object emptyToNull(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
