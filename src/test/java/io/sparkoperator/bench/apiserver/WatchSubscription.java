package io.sparkoperator.bench.apiserver;

import java.util.concurrent.LinkedBlockingQueue;

/** One open watch: what it asked for, and the events waiting to be written to it. */
final class WatchSubscription {
    final String type;
    final String namespace;
    final Selector selector;
    final LinkedBlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();

    WatchSubscription(String type, String namespace, Selector selector) {
        this.type = type;
        this.namespace = namespace;
        this.selector = selector;
    }

    /**
     * What this watch is sent for a change, or null: as the API server does, a MODIFIED that makes an object match
     * the selector arrives as ADDED, one that makes it stop matching as DELETED.
     */
    WatchEvent eventFor(WatchEvent event) {
        StoredObject o = event.object;
        if (!o.type().equals(type) || namespace != null && !namespace.equals(o.namespace())) {
            return null;
        }
        boolean now = selector.matches(o);
        if (!event.type.equals("MODIFIED") || event.previous == null) {
            return now ? event : null;
        }
        boolean before = selector.matches(event.previous);
        if (now && before) {
            return event;
        }
        if (now) {
            return event.as("ADDED");
        }
        return before ? event.as("DELETED") : null;
    }
}
