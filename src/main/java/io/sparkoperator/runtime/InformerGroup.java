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
 * namespace (so the operator needs rights only there). Lookups go to the right namespace's cache. List and watch
 * failures are tracked per informer ({@link #problems()}), logged once per outage.
 */
public final class InformerGroup<T extends HasMetadata> {
    private static final String ALL = "";
    private final Map<String, SharedIndexInformer<T>> byNamespace = new LinkedHashMap<>();
    private final String resource;
    private final WatchHealth health;

    /**
     * @param resource what the informers hold, for messages (e.g. {@code SparkApplications})
     * @param factory makes an unstarted informer for a namespace, or for all namespaces when given {@code null}
     */
    public InformerGroup(String resource, List<String> namespaces, Function<String, SharedIndexInformer<T>> factory) {
        this.resource = resource;
        this.health = new WatchHealth(resource);
        if (namespaces.isEmpty()) {
            byNamespace.put(ALL, factory.apply(null));
        } else {
            namespaces.forEach(namespace -> byNamespace.put(namespace, factory.apply(namespace)));
        }
        byNamespace.forEach((namespace, informer) -> informer.exceptionHandler(health.handlerFor(scope(namespace))));
    }

    public InformerGroup<T> addIndexer(String name, Function<T, List<String>> indexer) {
        byNamespace.values().forEach(informer -> informer.addIndexers(Map.of(name, indexer)));
        return this;
    }

    public InformerGroup<T> addHandler(ResourceEventHandler<? super T> handler) {
        byNamespace.values().forEach(informer -> informer.addEventHandler(handler));
        return this;
    }

    /**
     * Starts every informer and waits until all have listed their objects; a timeout says which scope did not
     * list and the last error it saw.
     */
    public void startAndSync(Duration timeout) throws TimeoutException, InterruptedException {
        Map<String, CompletableFuture<Void>> started = startAll();
        try {
            CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).get(timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list " + resource + ": " + WatchHealth.Causes.summary(e.getCause()),
                    e.getCause());
        } catch (TimeoutException e) {
            List<String> unlisted = new ArrayList<>();
            started.forEach((namespace, future) -> {
                if (!future.isDone()) {
                    String cause = health.causeOf(scope(namespace));
                    unlisted.add(scope(namespace) + (cause == null ? " (no answer)" : ": " + cause));
                }
            });
            throw new TimeoutException("could not list " + resource + " within " + timeout.toSeconds() + " s in "
                    + String.join("; ", unlisted));
        }
    }

    /** Starts every informer without waiting; done once all have listed (they retry a failing list themselves). */
    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(startAll().values().toArray(CompletableFuture[]::new));
    }

    private Map<String, CompletableFuture<Void>> startAll() {
        Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
        byNamespace.forEach((namespace, informer) -> started.put(namespace, informer.start().toCompletableFuture()));
        return started;
    }

    /** Why some informers of this group cannot list or watch now; empty when all can. */
    public List<String> problems() {
        byNamespace.forEach((namespace, informer) -> health.observe(scope(namespace), informer.isWatching()));
        return health.problems();
    }

    private static String scope(String namespace) {
        return namespace.equals(ALL) ? "all namespaces" : "namespace " + namespace;
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
