package io.sparkoperator.sparkapp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A second client on the same API server and credentials whose generic resources carry their metadata alone: the
 * {@code spec} and {@code status} of each object are skipped while its JSON is read, never built into maps.
 *
 * <p>For the watch of SparkApplications not yet labelled with their shard, which every replica keeps and whose only
 * reader, the {@link ShardLabeller}, needs an app's name, labels and owners. Each new app passes that watch twice
 * on every replica (added unlabelled, gone once labelled); decoded whole, that was the largest part of the CPU a
 * replica spends on apps of other replicas' shards.
 */
final class MetadataOnlyClient {
    private MetadataOnlyClient() {
    }

    /** Spec and status are skipped, whatever they hold; everything else reads as usual. */
    @JsonIgnoreProperties({"spec", "status"})
    private abstract static class WithoutSpecAndStatus {
    }

    /** A new client (its own connections) on {@code client}'s configuration; close it with the watch. */
    static KubernetesClient of(KubernetesClient client) {
        ObjectMapper mapper = new ObjectMapper().addMixIn(GenericKubernetesResource.class, WithoutSpecAndStatus.class);
        return new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withKubernetesSerialization(new KubernetesSerialization(mapper, true)).build();
    }
}
