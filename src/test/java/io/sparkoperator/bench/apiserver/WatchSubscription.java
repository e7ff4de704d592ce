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

    boolean wants(WatchEvent event) {
        StoredObject o = event.object;
        return o.type().equals(type) && (namespace == null || namespace.equals(o.namespace()))
                && selector.matches(o);
    }
}
