package io.sparkoperator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One resource type watched per shard: an {@link InformerGroup} for each shard this replica holds (its objects
 * carry that shard's label, selected by the API server), started when the shard is taken and stopped when it is
 * given up, so a replica decodes and caches only its share. Optionally also one group for the objects that carry no
 * shard label for this shard count (made before sharding, or by another {@code --shards}), which every replica
 * watches. Seen from outside as one cache: lookups go through every group (a key lives in one of them).
 */
public final class ShardedInformerGroup<T extends HasMetadata> {
    /** Makes an unstarted informer for a namespace ({@code null}: all) and a shard ({@code null}: unlabelled). */
    @FunctionalInterface
    public interface Factory<T extends HasMetadata> {
        SharedIndexInformer<T> create(String namespace, Integer shard);
    }

    private final String resource;
    private final List<String> namespaces;
    private final Factory<T> factory;
    private final InformerGroup<T> unlabelled;
    private final Map<Integer, ShardWatch<T>> byShard = new ConcurrentSkipListMap<>();
    private final List<ResourceEventHandler<? super T>> handlers = new CopyOnWriteArrayList<>();
    private final Set<InformerGroup<T>> lingering = ConcurrentHashMap.newKeySet();
    private final Map<String, Function<T, List<String>>> indexers = new LinkedHashMap<>();

    /**
     * @param unlabelledResource when not null, also watch (from {@link #startUnlabelled}) the objects the factory
     *        gives for shard {@code null} and serve them as part of this cache; named so in messages (without
     *        sharding that is every object, and no shard is ever watched)
     */
    public ShardedInformerGroup(String resource, List<String> namespaces, Factory<T> factory,
            String unlabelledResource) {
        this.resource = resource;
        this.namespaces = List.copyOf(namespaces);
        this.factory = factory;
        this.unlabelled = unlabelledResource == null ? null : new InformerGroup<>(unlabelledResource, namespaces,
                namespace -> factory.create(namespace, null));
    }

    /** Before any informer starts. */
    public synchronized ShardedInformerGroup<T> addIndexer(String name, Function<T, List<String>> indexer) {
        indexers.put(name, indexer);
        if (unlabelled != null) {
            unlabelled.addIndexer(name, indexer);
        }
        return this;
    }

    /** Before any informer starts: every shard's informers get it too. */
    public synchronized ShardedInformerGroup<T> addHandler(ResourceEventHandler<? super T> handler) {
        handlers.add(handler);
        if (unlabelled != null) {
            unlabelled.addHandler(handler);
        }
        return this;
    }

    /** Starts the informers of the unlabelled objects (if any) and waits until they listed. */
    public void startUnlabelled(Duration timeout) throws TimeoutException, InterruptedException {
        if (unlabelled != null) {
            unlabelled.startAndSync(timeout);
        }
    }

    /**
     * Starts watching a shard (its Lease was taken); done once its objects are listed (a failing list is retried by
     * the informers). Watching a shard already watched answers that watch's progress.
     */
    public synchronized CompletableFuture<Void> watch(int shard) {
        ShardWatch<T> existing = byShard.get(shard);
        if (existing != null) {
            return existing.listed();
        }
        InformerGroup<T> group = new InformerGroup<>(resource + " of shard " + shard, namespaces,
                namespace -> factory.create(namespace, shard));
        indexers.forEach(group::addIndexer);
        handlers.forEach(group::addHandler);
        ShardWatch<T> watch = new ShardWatch<>(group, group.start());
        byShard.put(shard, watch);
        return watch.listed();
    }

    /** A shard's informers and the future that completes once they have listed. */
    private record ShardWatch<T extends HasMetadata>(InformerGroup<T> group, CompletableFuture<Void> listed) {
    }

    /**
     * Stops watching a shard (given up): its objects leave this cache at once, without delete events; its
     * informers stop after {@code linger} (zero: now), their events meanwhile going to the handlers as before
     * (which drop what is not theirs any more).
     */
    public synchronized void unwatch(int shard, Duration linger) {
        ShardWatch<T> watch = byShard.remove(shard);
        if (watch == null) {
            return;
        }
        watch.listed().cancel(false); // whoever waits for the list hears that the shard is gone
        InformerGroup<T> group = watch.group();
        if (linger.isZero() || linger.isNegative()) {
            group.stop();
            return;
        }
        lingering.add(group);
        Thread.ofVirtual().name("shard-" + shard + "-unwatch").start(() -> {
            try {
                Thread.sleep(linger);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lingering.remove(group)) {
                group.stop();
            }
        });
    }

    private List<InformerGroup<T>> groups() {
        List<InformerGroup<T>> all = new ArrayList<>(byShard.values().stream().map(ShardWatch::group).toList());
        if (unlabelled != null) {
            all.add(unlabelled);
        }
        return all;
    }

    public T get(String namespace, String name) {
        for (InformerGroup<T> group : groups()) {
            T found = group.get(namespace, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    public List<T> byIndex(String namespace, String index, String key) {
        List<T> all = new ArrayList<>();
        groups().forEach(group -> all.addAll(group.byIndex(namespace, index, key)));
        return all;
    }

    public List<T> list() {
        List<T> all = new ArrayList<>();
        groups().forEach(group -> all.addAll(group.list()));
        return all;
    }

    public int size() {
        return groups().stream().mapToInt(InformerGroup::size).sum();
    }

    /**
     * The groups that decide readiness: the unlabelled one and every shard that has listed. A shard still listing
     * is not open yet (its passes wait), so it does not make the replica unready; a list that fails says so in
     * {@link #problems}.
     */
    private List<InformerGroup<T>> listedGroups() {
        List<InformerGroup<T>> listedOnes = new ArrayList<>();
        byShard.values().stream().filter(watch -> watch.listed().isDone())
                .forEach(watch -> listedOnes.add(watch.group()));
        if (unlabelled != null) {
            listedOnes.add(unlabelled);
        }
        return listedOnes;
    }

    public boolean hasSynced() {
        return listedGroups().stream().allMatch(InformerGroup::hasSynced);
    }

    public boolean isWatching() {
        return listedGroups().stream().allMatch(InformerGroup::isWatching);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        groups().forEach(group -> problems.addAll(group.problems()));
        return problems;
    }

    public synchronized void stop() {
        groups().forEach(InformerGroup::stop);
        lingering.forEach(InformerGroup::stop);
        lingering.clear();
        byShard.values().forEach(watch -> watch.listed().cancel(false));
        byShard.clear();
    }
}
