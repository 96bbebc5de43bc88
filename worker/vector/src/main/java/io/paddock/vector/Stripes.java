package io.paddock.vector;

import io.paddock.runtime.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * The C9 reduction {@code ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7))} of 8-lane stripe vectors, done
 * with lane-wise adds only (never {@code reduceLanes}): every sum has exactly the operands of
 * the scalar reference, so the result is bit-identical.
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
        FloatVector ab = a.blend(permute(b, Lanes.SWAP_HALVES), Lanes.UPPER_HALF)
                .add(permute(a, Lanes.SWAP_HALVES).blend(b, Lanes.UPPER_HALF));
        FloatVector cd = c.blend(permute(d, Lanes.SWAP_HALVES), Lanes.UPPER_HALF)
                .add(permute(c, Lanes.SWAP_HALVES).blend(d, Lanes.UPPER_HALF));
        // [(a0+a4)+(a2+a6), (a1+a5)+(a3+a7), c.., c.. | b.., b.., d.., d..]
        FloatVector q = ab.blend(permute(cd, Lanes.SWAP_PAIRS), Lanes.UPPER_PAIRS)
                .add(permute(ab, Lanes.SWAP_PAIRS).blend(cd, Lanes.UPPER_PAIRS));
        return q.add(permute(q, Lanes.SWAP_NEIGHBOURS));
    }

    /** {@code v} rearranged through its int view (bits kept exactly, NaNs included). */
    static FloatVector permute(FloatVector v, VectorShuffle<Integer> shuffle) {
        return v.reinterpretAsInts().rearrange(shuffle).reinterpretAsFloats();
    }

    /**
     * Lane {@code i} with its exact bits. {@code FloatVector.lane} may return NaNs canonicalized
     * (its non-intrinsic path goes through {@code floatToIntBits}), which would make a NaN's sign
     * depend on the JIT tier; the int view keeps the bits of the scalar reference.
     */
    static float lane(FloatVector v, int i) {
        return Float.intBitsToFloat(v.reinterpretAsInts().lane(i));
    }

    /** One stripe vector reduced through its lanes. */
    static float reduce(FloatVector acc) {
        return ScalarKernels.reduce(lane(acc, 0), lane(acc, 1), lane(acc, 2), lane(acc, 3),
                lane(acc, 4), lane(acc, 5), lane(acc, 6), lane(acc, 7));
    }

    /**
     * Finishes an f32 dot product whose stripes cover {@code [0, j)}: the elements
     * {@code [j, n)} (fewer than 8) of {@code w[off..]} and {@code x[xOff..]} continue the stripes
     * as in the scalar reference.
     */
    static float finishF32(FloatVector acc, float[] w, int off, float[] x, int xOff, int j, int n) {
        float a0 = lane(acc, 0), a1 = lane(acc, 1), a2 = lane(acc, 2), a3 = lane(acc, 3);
        float a4 = lane(acc, 4), a5 = lane(acc, 5), a6 = lane(acc, 6), a7 = lane(acc, 7);
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
        float a0 = lane(acc, 0), a1 = lane(acc, 1), a2 = lane(acc, 2), a3 = lane(acc, 3);
        float a4 = lane(acc, 4), a5 = lane(acc, 5), a6 = lane(acc, 6), a7 = lane(acc, 7);
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
