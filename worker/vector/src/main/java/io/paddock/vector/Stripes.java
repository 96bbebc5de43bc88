package io.paddock.vector;

import io.paddock.runtime.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;

/**
 * The C9 reduction {@code ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7))} of 8-lane stripe vectors, done
 * with lane-wise adds only (never {@code reduceLanes}): every sum has exactly the operands of
 * the scalar reference, so the result is bit-identical. One caveat, handled by the callers: when
 * not JIT-compiled, the API's cross-lane operations ({@code rearrange}, {@code lane}) canonicalize
 * NaNs, so a NaN result may lose its sign and payload; the kernels recompute every row whose result
 * is NaN with the scalar reference ({@link NanRows}), which makes even NaN bits identical.
 */
final class Stripes {
    private Stripes() {
    }

    /**
     * Reduces four stripe vectors at once. Row {@code a} lands in lane 0, {@code c} in lane 2,
     * {@code b} in lane 4 and {@code d} in lane 6.
     */
    static FloatVector reduceFour(FloatVector a, FloatVector b, FloatVector c, FloatVector d) {
        // [a0+a4, a1+a5, a2+a6, a3+a7 | b0+b4, b1+b5, b2+b6, b3+b7]
        FloatVector ab = a.blend(b.rearrange(Lanes.SWAP_HALVES), Lanes.UPPER_HALF)
                .add(a.rearrange(Lanes.SWAP_HALVES).blend(b, Lanes.UPPER_HALF));
        FloatVector cd = c.blend(d.rearrange(Lanes.SWAP_HALVES), Lanes.UPPER_HALF)
                .add(c.rearrange(Lanes.SWAP_HALVES).blend(d, Lanes.UPPER_HALF));
        // [(a0+a4)+(a2+a6), (a1+a5)+(a3+a7), c.., c.. | b.., b.., d.., d..]
        FloatVector q = ab.blend(cd.rearrange(Lanes.SWAP_PAIRS), Lanes.UPPER_PAIRS)
                .add(ab.rearrange(Lanes.SWAP_PAIRS).blend(cd, Lanes.UPPER_PAIRS));
        return q.add(q.rearrange(Lanes.SWAP_NEIGHBOURS));
    }

    /** One stripe vector reduced through its lanes. */
    static float reduce(FloatVector acc) {
        return ScalarKernels.reduce(acc.lane(0), acc.lane(1), acc.lane(2), acc.lane(3),
                acc.lane(4), acc.lane(5), acc.lane(6), acc.lane(7));
    }

    /**
     * Finishes an f32 dot product whose stripes cover {@code [0, j)}: the elements
     * {@code [j, n)} (fewer than 8) of {@code w[off..]} and {@code x[xOff..]} continue the stripes
     * as in the scalar reference.
     */
    static float finishF32(FloatVector acc, float[] w, int off, float[] x, int xOff, int j, int n) {
        float a0 = acc.lane(0), a1 = acc.lane(1), a2 = acc.lane(2), a3 = acc.lane(3);
        float a4 = acc.lane(4), a5 = acc.lane(5), a6 = acc.lane(6), a7 = acc.lane(7);
        if (j < n) a0 += w[off + j] * x[xOff + j];
        if (j + 1 < n) a1 += w[off + j + 1] * x[xOff + j + 1];
        if (j + 2 < n) a2 += w[off + j + 2] * x[xOff + j + 2];
        if (j + 3 < n) a3 += w[off + j + 3] * x[xOff + j + 3];
        if (j + 4 < n) a4 += w[off + j + 4] * x[xOff + j + 4];
        if (j + 5 < n) a5 += w[off + j + 5] * x[xOff + j + 5];
        if (j + 6 < n) a6 += w[off + j + 6] * x[xOff + j + 6];
        return ScalarKernels.reduce(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** As {@link #finishF32} for a q8_0 row (the row scale is applied by the caller). */
    static float finishQ8(FloatVector acc, byte[] q, int off, float[] x, int j, int n) {
        float a0 = acc.lane(0), a1 = acc.lane(1), a2 = acc.lane(2), a3 = acc.lane(3);
        float a4 = acc.lane(4), a5 = acc.lane(5), a6 = acc.lane(6), a7 = acc.lane(7);
        if (j < n) a0 += (float) q[off + j] * x[j];
        if (j + 1 < n) a1 += (float) q[off + j + 1] * x[j + 1];
        if (j + 2 < n) a2 += (float) q[off + j + 2] * x[j + 2];
        if (j + 3 < n) a3 += (float) q[off + j + 3] * x[j + 3];
        if (j + 4 < n) a4 += (float) q[off + j + 4] * x[j + 4];
        if (j + 5 < n) a5 += (float) q[off + j + 5] * x[j + 5];
        if (j + 6 < n) a6 += (float) q[off + j + 6] * x[j + 6];
        return ScalarKernels.reduce(a0, a1, a2, a3, a4, a5, a6, a7);
    }
}
