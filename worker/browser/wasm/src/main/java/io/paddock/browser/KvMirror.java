package io.paddock.browser;

import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Copies of the runtime's attention caches (its key and value arrays, by identity) in linear
 * memory, for the SIMD attention kernels. It relies on the forward pass's cache discipline: row
 * {@code p} of a cache is written only by the step at position {@code p}, right before that
 * step's attention reads rows {@code 0..p}; rows below are never rewritten except by a later
 * step at their own position (after a reset). So every read copies its newest row, plus any rows
 * of its slice not copied yet; older rows are current. Past a byte budget, all copies are dropped
 * (rebuilt on demand); a cache bigger than the budget is not mirrored at all.
 */
final class KvMirror {
    /** Linear memory the copies may take by default. */
    static final long BUDGET_BYTES = 64L << 20;

    private final LinearAllocator linear;
    private final long budget;
    private final Map<float[], Mirror> mirrors = new IdentityHashMap<>();
    private long bytes;

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
        Mirror m = mirror(cache, stride);
        if (m == null) {
            return -1;
        }
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
            mirrors.clear();
            bytes = 0;
        }
        LinearBlock block = linear.allocate((int) need);
        m = new Mirror(block, stride);
        mirrors.put(cache, m);
        bytes += need;
        return m;
    }

    /** One cache's copy: per slice start, the rows copied so far and the slice width. */
    private static final class Mirror {
        final LinearBlock block;
        final FloatBuffer floats;
        int[] synced;
        int[] widths;

        Mirror(LinearBlock block, int stride) {
            this.block = block;
            this.floats = block.buffer().asFloatBuffer();
            this.synced = new int[stride];
            this.widths = new int[stride];
        }
    }
}
