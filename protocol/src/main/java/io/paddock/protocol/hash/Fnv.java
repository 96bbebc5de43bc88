package io.paddock.protocol.hash;

import java.nio.charset.StandardCharsets;

/** FNV-1a 64 (paddock-choices C2, C6, C8). Incremental: start with {@link #BASIS}. */
public final class Fnv {
    public static final long BASIS = 0xCBF29CE484222325L;
    public static final long PRIME = 0x100000001B3L;

    private Fnv() {
    }

    public static long update(long h, byte b) {
        return (h ^ (b & 0xFF)) * PRIME;
    }

    public static long update(long h, byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * PRIME;
        }
        return h;
    }

    /** Feeds the 8 little-endian bytes of {@code v}. */
    public static long updateLong(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((v >>> (8 * i)) & 0xFF)) * PRIME;
        }
        return h;
    }

    /** Feeds the 4 little-endian bytes of {@code v}. */
    public static long updateInt(long h, int v) {
        for (int i = 0; i < 4; i++) {
            h = (h ^ ((v >>> (8 * i)) & 0xFF)) * PRIME;
        }
        return h;
    }

    public static long hash(byte[] bytes) {
        return update(BASIS, bytes, 0, bytes.length);
    }

    /** C2: the name hash of a tensor, FNV-1a 64 over its UTF-8 name. */
    public static long nameHash(String name) {
        return hash(name.getBytes(StandardCharsets.UTF_8));
    }
}
