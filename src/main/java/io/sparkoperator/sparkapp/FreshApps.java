package io.sparkoperator.sparkapp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkoperator.runtime.ResourceKey;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Covers the informer's lag behind our own status writes. After a write the cache may still hold the version we
 * wrote over; deciding from it again could, for example, resubmit an app whose submission we just recorded. So the
 * object each write returned is remembered and used instead of the cache while the cache is older than it. Once the
 * cache caught up (or moved past it), the entry is dropped.
 */
final class FreshApps {
    private record Written(GenericKubernetesResource object, Set<String> replacedVersions) {
    }

    private final ConcurrentHashMap<ResourceKey, Written> written = new ConcurrentHashMap<>();

    /** The freshest known version of the app: the cached one, unless it is older than our own last write. */
    GenericKubernetesResource latest(ResourceKey key, GenericKubernetesResource cached) {
        Written mine = written.get(key);
        if (mine == null || cached == null) {
            if (cached == null) {
                written.remove(key);
            }
            return cached;
        }
        if (isOlder(cached.getMetadata().getResourceVersion(), mine)) {
            return mine.object();
        }
        written.remove(key, mine);
        return cached;
    }

    /** Remember that {@code replaced} was superseded by our write that produced {@code stored}. */
    void wrote(ResourceKey key, GenericKubernetesResource replaced, GenericKubernetesResource stored) {
        written.compute(key, (k, earlier) -> {
            Set<String> versions = new HashSet<>();
            if (earlier != null) {
                versions.addAll(earlier.replacedVersions());
            }
            versions.add(replaced.getMetadata().getResourceVersion());
            versions.remove(stored.getMetadata().getResourceVersion());
            return new Written(stored, Set.copyOf(versions));
        });
    }

    /**
     * resourceVersions are opaque by contract, but every etcd-backed API server (and the mock) issues increasing
     * integers; comparing them also covers versions written by others in between. Anything else falls back to the
     * versions we know we replaced.
     */
    private static boolean isOlder(String cachedVersion, Written mine) {
        try {
            return Long.parseLong(cachedVersion) < Long.parseLong(mine.object().getMetadata().getResourceVersion());
        } catch (NumberFormatException e) {
            return mine.replacedVersions().contains(cachedVersion);
        }
    }

    void forget(ResourceKey key) {
        written.remove(key);
    }
}
