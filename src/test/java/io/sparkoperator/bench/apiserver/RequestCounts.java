package io.sparkoperator.bench.apiserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** API requests the server answered, by verb and resource ({@code create pods}, {@code update sparkapplications/status}). */
public final class RequestCounts {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String verb, ResourcePath path) {
        String what = verb + " " + path.plural() + (path.subresource() == null ? "" : "/" + path.subresource());
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A sorted copy. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        counts.clear();
    }
}
