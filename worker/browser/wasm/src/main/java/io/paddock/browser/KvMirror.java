package io.paddock.browser;

import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Copies of the runtime's attention caches (its key and value arrays, by identity) in linear
 * memory, for the SIMD attention kernels. It relies on the forward pass's cache discipline: row
 * {@code p} of a cache is written only by the step at position {@code p}, right before that
 * step's attention reads rows {@code 0..p}; rows below are never rewritten except by a later
 * step at their own position (after a reset). So every read copies its newest row, plus any rows
 * of its slice not copied yet; older rows are current. Within a byte budget: a cache that does not
 * fit displaces only idle copies (not read during the last {@link #IDLE_READS_PER_COPY} reads per
 * copy held: the caches of a state no longer running), never live ones, so caches that together
 * exceed the budget do not evict each other at every step; one that cannot be placed is read by
 * the caller from its array (the scalar path, same bits).
 */
final class KvMirror {
    /** Linear memory the copies may take by default. */
    static final long BUDGET_BYTES = 64L << 20;
    /**
     * A running state reads each of its caches once per key/value head per token; a copy not read
     * in this many reads per copy held belongs to a state that stopped.
     */
    static final int IDLE_READS_PER_COPY = 64;

    private final LinearAllocator linear;
    private final long budget;
    private final Map<float[], Mirror> mirrors = new IdentityHashMap<>();
    private long bytes;
    private long reads;

    KvMirror(LinearAllocator linear) {
        this(linear, BUDGET_BYTES);
    }

    KvMirror(LinearAllocator linear, long budgetBytes) {
        this.linear = linear;
        this.budget = budgetBytes;
    }

    /**
     * Brings rows {@code [0, count)} of the slice {@code [off, off + n)} (rows {@code stride}
     * floats apart) of {@code cache}'s copy up to date.
     *
     * @return the address of the copy's element 0, or -1 if {@code cache} is not mirrored (too big,
     *         or the slice does not fit its rows); the caller then reads the array itself
     */
    int sync(float[] cache, int off, int stride, int count, int n) {
        if (count <= 0 || n <= 0 || stride <= 0 || off < 0 || n > stride - off
                || (long) (count - 1) * stride + off + n > cache.length) {
            return -1;
        }
        reads++;
        Mirror m = mirror(cache, stride);
        if (m == null) {
            return -1;
        }
        m.lastRead = reads;
        int synced = m.widths[off] == n ? m.synced[off] : 0;
        for (int p = Math.min(synced, count - 1); p < count; p++) {
            int at = p * stride + off;
            m.floats.put(at, cache, at, n);
        }
        m.synced[off] = Math.max(synced, count);
        m.widths[off] = n;
        return m.block.address();
    }

    private Mirror mirror(float[] cache, int stride) {
        Mirror m = mirrors.get(cache);
        if (m != null) {
            if (m.synced.length != stride) {
                m.synced = new int[stride];
                m.widths = new int[stride];
            }
            return m;
        }
        long need = 4L * cache.length;
        if (need > budget) {
            return null;
        }
        if (bytes + need > budget) {
            dropIdle();
            if (bytes + need > budget) {
                return null;
            }
        }
        LinearBlock block = linear.allocate((int) need);
        m = new Mirror(block, need, stride);
        mirrors.put(cache, m);
        bytes += need;
        return m;
    }

    private void dropIdle() {
        long idleBefore = reads - (long) IDLE_READS_PER_COPY * mirrors.size();
        Iterator<Mirror> it = mirrors.values().iterator();
        while (it.hasNext()) {
            Mirror m = it.next();
            if (m.lastRead < idleBefore) {
                bytes -= m.bytes;
                it.remove();
            }
        }
    }

    /** One cache's copy: per slice start, the rows copied so far and the slice width. */
    private static final class Mirror {
        final LinearBlock block;
        final FloatBuffer floats;
        final long bytes;
        int[] synced;
        int[] widths;
        long lastRead;

        Mirror(LinearBlock block, long bytes, int stride) {
            this.block = block;
            this.bytes = bytes;
            this.floats = block.buffer().asFloatBuffer();
            this.synced = new int[stride];
            this.widths = new int[stride];
        }
    }
}
