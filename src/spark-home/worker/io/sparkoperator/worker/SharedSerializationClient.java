package io.sparkoperator.worker;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * fabric8's client with the worker's one JSON mapping instead of the new one each {@link KubernetesClientBuilder}
 * makes. fabric8 looks its client class up by name on the thread's context class loader, where {@link
 * FreshStaticsLoader} answers with this class; everything else is fabric8's own client.
 */
public final class SharedSerializationClient extends KubernetesClientImpl {
    /** The constructor the builder calls; the mapping it passes (new, empty) is left unused. */
    public SharedSerializationClient(HttpClient httpClient, Config config,
            KubernetesClientBuilder.ExecutorSupplier executorSupplier, KubernetesSerialization unused) {
        super(httpClient, config, executorSupplier, SharedClientParts.SERIALIZATION);
    }
}
