package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The informers of one resource type over the watched namespaces: one cluster-wide informer, or one per listed
 * namespace (so the operator needs rights only there). Lookups go to the right namespace's cache.
 */
public final class InformerGroup<T extends HasMetadata> {
    private static final String ALL = "";
    private final Map<String, SharedIndexInformer<T>> byNamespace = new LinkedHashMap<>();

    /**
     * @param factory makes an unstarted informer for a namespace, or for all namespaces when given {@code null}
     */
    public InformerGroup(List<String> namespaces, Function<String, SharedIndexInformer<T>> factory) {
        if (namespaces.isEmpty()) {
            byNamespace.put(ALL, factory.apply(null));
        } else {
            namespaces.forEach(namespace -> byNamespace.put(namespace, factory.apply(namespace)));
        }
    }

    public InformerGroup<T> addIndexer(String name, Function<T, List<String>> indexer) {
        byNamespace.values().forEach(informer -> informer.addIndexers(Map.of(name, indexer)));
        return this;
    }

    public InformerGroup<T> addHandler(ResourceEventHandler<? super T> handler) {
        byNamespace.values().forEach(informer -> informer.addEventHandler(handler));
        return this;
    }

    /** Starts every informer and waits until all have listed their objects. */
    public void startAndSync(Duration timeout) throws TimeoutException, InterruptedException {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        byNamespace.values().forEach(informer -> started.add(informer.start().toCompletableFuture()));
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("informer failed to start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    public boolean hasSynced() {
        return byNamespace.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    public boolean isWatching() {
        return byNamespace.values().stream().allMatch(SharedIndexInformer::isWatching);
    }

    public T get(String namespace, String name) {
        SharedIndexInformer<T> informer = informerFor(namespace);
        return informer == null ? null : informer.getStore().getByKey(namespace + "/" + name);
    }

    public List<T> byIndex(String namespace, String index, String key) {
        SharedIndexInformer<T> informer = informerFor(namespace);
        return informer == null ? List.of() : informer.getIndexer().byIndex(index, key);
    }

    public List<T> list() {
        List<T> all = new ArrayList<>();
        byNamespace.values().forEach(informer -> all.addAll(informer.getStore().list()));
        return all;
    }

    public int size() {
        return byNamespace.values().stream().mapToInt(informer -> informer.getStore().list().size()).sum();
    }

    public void stop() {
        byNamespace.values().forEach(SharedIndexInformer::stop);
    }

    private SharedIndexInformer<T> informerFor(String namespace) {
        SharedIndexInformer<T> all = byNamespace.get(ALL);
        return all != null ? all : byNamespace.get(namespace);
    }
}
