package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sparkoperator.api.Labels;
import java.util.Map;

/**
 * The two labels that let the API server hand each replica only its share ({@code --shards} above 1):
 * {@code sparkoperator.k8s.io/shards} (the count) and {@code sparkoperator.k8s.io/shard} (the app's shard under
 * it). Set on each SparkApplication by {@link ShardLabeller}; an app's labels are copied to its driver and executor
 * pods, so they carry them too. A replica watches {@code shards=N,shard=S} for each shard S it holds, and
 * {@code shards!=N} (also true without the label) for what is not labelled yet. Only equality selectors: the
 * mock API server of the tests understands no set-based ones.
 */
public record ShardLabels(int shards) {
    public ShardLabels {
        if (shards < 2) {
            throw new IllegalArgumentException("shard labels need at least 2 shards, got " + shards);
        }
    }

    public String count() {
        return String.valueOf(shards);
    }

    /** The labels an object of this shard carries. */
    public Map<String, String> of(int shard) {
        return Map.of(Labels.SHARDS, count(), Labels.SHARD, String.valueOf(shard));
    }

    /** Whether the object carries exactly this shard's labels. */
    public boolean carries(HasMetadata object, int shard) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && count().equals(labels.get(Labels.SHARDS))
                && String.valueOf(shard).equals(labels.get(Labels.SHARD));
    }
}
