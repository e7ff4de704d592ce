package io.sparkoperator.bench.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The lean API server's storage: every kind in hash maps, one global resourceVersion counter, and a bounded
 * history of changes so a watch can resume from a resourceVersion (older than the history: 410 Gone, as etcd
 * compaction does). Writes are serialized by one lock, which is what keeps watch events in resourceVersion order;
 * reads of a single object take no lock. Kinds with a status subresource keep spec and status apart as a real
 * server does: a main-resource write leaves status alone, a /status write leaves everything else alone.
 */
public final class ObjectStore {
    static final Set<String> WITH_STATUS_SUBRESOURCE = Set.of("pods", "services", "ingresses",
            "sparkoperator.k8s.io/sparkapplications", "sparkoperator.k8s.io/scheduledsparkapplications");
    private static final int HISTORY = 500_000;

    private final ReentrantLock writes = new ReentrantLock();
    private final Map<String, ConcurrentHashMap<String, StoredObject>> byType = new ConcurrentHashMap<>();
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final List<WatchSubscription> watches = new CopyOnWriteArrayList<>();
    private final List<Consumer<WatchEventView>> listeners = new CopyOnWriteArrayList<>();
    private long resourceVersion = 1000;
    private long forgottenUpTo = 1000;

    /** The result of a list: the items and the resourceVersion a watch continues from. */
    record Listing(long resourceVersion, List<StoredObject> items) {
    }

    /** An in-process observer of every change (simulated kubelet, load tracker); called under the write lock. */
    public void listen(Consumer<WatchEventView> listener) {
        listeners.add(listener);
    }

    StoredObject get(String type, String namespace, String name) {
        StoredObject found = objects(type).get(StoredObject.key(namespace, name));
        if (found == null) {
            throw ApiException.notFound(plural(type) + " \"" + name + "\" not found");
        }
        return found;
    }

    /** The object or null, for in-process callers. */
    public ObjectNode find(String type, String namespace, String name) {
        StoredObject found = objects(type).get(StoredObject.key(namespace, name));
        return found == null ? null : found.object();
    }

    public int count(String type) {
        return objects(type).size();
    }

    Listing list(String type, String namespace, Selector selector) {
        long version;
        List<StoredObject> snapshot;
        writes.lock();
        try {
            version = resourceVersion;
            snapshot = new ArrayList<>(objects(type).values());
        } finally {
            writes.unlock();
        }
        snapshot.removeIf(o -> namespace != null && !namespace.equals(o.namespace()) || !selector.matches(o));
        return new Listing(version, snapshot);
    }

    /** An in-process create (the load generator): as a POST, without the HTTP round trip. */
    public void add(String type, String namespace, ObjectNode body) {
        create(type, namespace, body);
    }

    StoredObject create(String type, String namespace, ObjectNode body) {
        ObjectNode metadata = body.withObject("metadata");
        if (namespace != null && metadata.hasNonNull("namespace") && !namespace.equals(metadata.get("namespace")
                .asText())) {
            throw ApiException.badRequest("the namespace of the object does not match the namespace of the request");
        }
        if (!metadata.hasNonNull("name") && metadata.hasNonNull("generateName")) {
            metadata.put("name", metadata.get("generateName").asText() + Long.toString(
                    ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36));
        }
        if (!metadata.hasNonNull("name")) {
            throw ApiException.badRequest("name or generateName is required");
        }
        String name = metadata.get("name").asText();
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("generation", 1);
        metadata.remove(List.of("resourceVersion", "deletionTimestamp"));
        defaultOnCreate(type, body);
        writes.lock();
        try {
            if (objects(type).containsKey(StoredObject.key(namespace, name))) {
                throw ApiException.alreadyExists(plural(type), name);
            }
            return commit("ADDED", type, body);
        } finally {
            writes.unlock();
        }
    }

    /** A PUT of the whole object ({@code statusOnly}: a PUT to /status). */
    StoredObject update(String type, String namespace, String name, ObjectNode body, boolean statusOnly) {
        writes.lock();
        try {
            StoredObject stored = get(type, namespace, name);
            String expected = body.path("metadata").path("resourceVersion").asText("");
            if (!expected.isEmpty() && !expected.equals(Long.toString(stored.resourceVersion()))) {
                throw ApiException.conflict(plural(type), name);
            }
            return commit("MODIFIED", type, merged(type, stored, body, statusOnly));
        } finally {
            writes.unlock();
        }
    }

    StoredObject mergePatch(String type, String namespace, String name, JsonNode patch, boolean statusOnly) {
        writes.lock();
        try {
            StoredObject stored = get(type, namespace, name);
            String expected = patch.path("metadata").path("resourceVersion").asText("");
            if (!expected.isEmpty() && !expected.equals(Long.toString(stored.resourceVersion()))) {
                throw ApiException.conflict(plural(type), name);
            }
            ObjectNode patched = (ObjectNode) MergePatch.apply(stored.object(), patch);
            return commit("MODIFIED", type, merged(type, stored, patched, statusOnly));
        } finally {
            writes.unlock();
        }
    }

    /** An in-process change (the simulated kubelet), applied to a copy of the latest version. */
    public void modify(String type, String namespace, String name, UnaryOperator<ObjectNode> change) {
        writes.lock();
        try {
            StoredObject stored = objects(type).get(StoredObject.key(namespace, name));
            if (stored != null) {
                commit("MODIFIED", type, change.apply(stored.mutableCopy()));
            }
        } finally {
            writes.unlock();
        }
    }

    StoredObject delete(String type, String namespace, String name) {
        writes.lock();
        try {
            StoredObject stored = get(type, namespace, name);
            objects(type).remove(stored.key());
            ObjectNode last = stored.mutableCopy();
            return publish("DELETED", StoredObject.of(type, stampVersion(last), resourceVersion));
        } finally {
            writes.unlock();
        }
    }

    /**
     * Opens a watch: replays the remembered changes after {@code fromVersion} (0: none), then follows new ones.
     *
     * @throws ApiException 410 when {@code fromVersion} is older than the remembered history
     */
    WatchSubscription watch(String type, String namespace, Selector selector, long fromVersion) {
        WatchSubscription subscription = new WatchSubscription(type, namespace, selector);
        writes.lock();
        try {
            if (fromVersion > 0) {
                if (fromVersion < forgottenUpTo) {
                    throw new ApiException(410, "Expired", "too old resource version: " + fromVersion + " ("
                            + forgottenUpTo + ")");
                }
                Iterator<WatchEvent> newestFirst = history.descendingIterator();
                ArrayDeque<WatchEvent> replay = new ArrayDeque<>();
                while (newestFirst.hasNext()) {
                    WatchEvent event = newestFirst.next();
                    if (event.resourceVersion() <= fromVersion) {
                        break;
                    }
                    WatchEvent sent = subscription.eventFor(event);
                    if (sent != null) {
                        replay.addFirst(sent);
                    }
                }
                subscription.queue.addAll(replay);
            }
            watches.add(subscription);
        } finally {
            writes.unlock();
        }
        return subscription;
    }

    void unwatch(WatchSubscription subscription) {
        watches.remove(subscription);
    }

    /** Open watches (the operator's informers, while they run). */
    public int openWatches() {
        return watches.size();
    }

    private ObjectNode merged(String type, StoredObject stored, ObjectNode body, boolean statusOnly) {
        boolean split = WITH_STATUS_SUBRESOURCE.contains(type);
        ObjectNode next;
        if (statusOnly) {
            next = stored.mutableCopy();
            if (body.has("status")) {
                next.set("status", body.get("status").deepCopy());
            } else {
                next.remove("status");
            }
        } else {
            next = body.deepCopy();
            if (split) {
                if (stored.object().has("status")) {
                    next.set("status", stored.object().get("status").deepCopy());
                } else {
                    next.remove("status");
                }
            }
            ObjectNode metadata = next.withObject("metadata");
            JsonNode old = stored.object().get("metadata");
            for (String serverField : List.of("uid", "creationTimestamp", "namespace", "name", "generation")) {
                if (old.has(serverField)) {
                    metadata.set(serverField, old.get(serverField));
                }
            }
            if (!Objects.equals(stored.object().get("spec"), next.get("spec"))) {
                metadata.put("generation", old.path("generation").asLong(1) + 1);
            }
        }
        return next;
    }

    /** Called with the write lock held. */
    private StoredObject commit(String eventType, String type, ObjectNode object) {
        StoredObject stored = StoredObject.of(type, stampVersion(object), resourceVersion);
        StoredObject previous = objects(type).put(stored.key(), stored);
        return publish(eventType, stored, previous);
    }

    private ObjectNode stampVersion(ObjectNode object) {
        resourceVersion++;
        object.withObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        return object;
    }

    private StoredObject publish(String eventType, StoredObject stored) {
        return publish(eventType, stored, null);
    }

    private StoredObject publish(String eventType, StoredObject stored, StoredObject previous) {
        WatchEvent event = new WatchEvent(eventType, stored, previous);
        history.addLast(event);
        if (history.size() > HISTORY) {
            forgottenUpTo = history.removeFirst().resourceVersion();
        }
        for (WatchSubscription watch : watches) {
            WatchEvent sent = watch.eventFor(event);
            if (sent != null) {
                watch.queue.add(sent);
            }
        }
        if (!listeners.isEmpty()) {
            WatchEventView view = new WatchEventView(eventType, stored.type(), stored.namespace(), stored.name(),
                    stored.labels(), stored.object());
            for (Consumer<WatchEventView> listener : listeners) {
                listener.accept(view);
            }
        }
        return stored;
    }

    private static void defaultOnCreate(String type, ObjectNode body) {
        if (WITH_STATUS_SUBRESOURCE.contains(type)) {
            body.remove("status");
        }
        if (type.equals("pods")) {
            body.withObject("status").put("phase", "Pending");
        } else if (type.equals("services")) {
            ObjectNode spec = body.withObject("spec");
            if (!spec.hasNonNull("clusterIP") || spec.get("clusterIP").asText().isEmpty()) {
                int n = ThreadLocalRandom.current().nextInt(1 << 16);
                spec.put("clusterIP", "10.96." + (n >> 8) + "." + (n & 0xff));
            }
        }
    }

    private ConcurrentHashMap<String, StoredObject> objects(String type) {
        return byType.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
    }

    private static String plural(String type) {
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
