package io.sparkoperator.bench.apiserver;

import java.nio.charset.StandardCharsets;

/**
 * One change, in resourceVersion order; {@link #line()} is the watch stream line (built once per event).
 * {@code previous} is the version a MODIFIED replaced, so a watch with a selector can tell an object entering or
 * leaving it (the API server sends those as ADDED and DELETED).
 */
final class WatchEvent {
    final String type;
    final StoredObject object;
    final StoredObject previous;
    private volatile byte[] line;

    WatchEvent(String type, StoredObject object, StoredObject previous) {
        this.type = type;
        this.object = object;
        this.previous = previous;
    }

    /** The same change under another type (for one watch only). */
    WatchEvent as(String otherType) {
        return new WatchEvent(otherType, object, previous);
    }

    long resourceVersion() {
        return object.resourceVersion();
    }

    byte[] line() {
        byte[] bytes = line;
        if (bytes == null) {
            byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
            bytes = new byte[head.length + object.json().length + 2];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(object.json(), 0, bytes, head.length, object.json().length);
            bytes[bytes.length - 2] = '}';
            bytes[bytes.length - 1] = '\n';
            line = bytes;
        }
        return bytes;
    }
}
