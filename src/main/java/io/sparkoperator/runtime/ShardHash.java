package io.sparkoperator.runtime;

import java.nio.charset.StandardCharsets;

/**
 * Which virtual shard a resource belongs to: 32-bit FNV-1a over the UTF-8 bytes of {@code namespace/name}, read as
 * an unsigned number, modulo the shard count. Stable across versions, JVMs and replicas (no {@code String.hashCode}
 * seed or platform detail), so every replica computes the same owner; documented in docs/high-availability.md.
 */
public final class ShardHash {
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private ShardHash() {
    }

    public static int shardOf(ResourceKey key, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        return Integer.remainderUnsigned(fnv1a(key.namespace() + "/" + key.name()), shards);
    }

    static int fnv1a(String text) {
        int hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
