package io.paddock.vector;

import io.paddock.runtime.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;

/**
 * Vector API versions of the attention inner loops, bit-identical to the scalar ones: the C9
 * striped dot product (lane j = stripe j) and the weighted sum of value rows (each output
 * element summed on its own in ascending position, eight elements per vector).
 */
final class AttentionLanes {
    private AttentionLanes() {
    }

    /** C9 striped dot of {@code a[aOff, aOff+n)} and {@code b[bOff, bOff+n)}. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int full = n & ~7;
        FloatVector s = FloatVector.zero(Lanes.F);
        for (int j = 0; j < full; j += 8) {
            s = s.add(FloatVector.fromArray(Lanes.F, a, aOff + j).mul(FloatVector.fromArray(Lanes.F, b, bOff + j)));
        }
        float y = full == n ? Stripes.reduce(s) : Stripes.finishF32(s, a, aOff, b, bOff, full, n);
        return y == y ? y : ScalarKernels.dotF32(a, aOff, b, bOff, n);   // exact NaN bits (see NanRows)
    }

    /**
     * {@code out[outOff + p] = dot(q[qOff, qOff+n), rows[rowOff + p·stride, … + n))} for
     * {@code p < count}: four rows per pass share each load of {@code q}.
     */
    static void dots(float[] q, int qOff, float[] rows, int rowOff, int stride, int count, int n,
                     float[] out, int outOff) {
        int full = n & ~7;
        int p = 0;
        if (full == n) {
            for (; p + 4 <= count; p += 4) {
                int o0 = rowOff + p * stride;
                int o1 = o0 + stride;
                int o2 = o1 + stride;
                int o3 = o2 + stride;
                FloatVector s0 = FloatVector.zero(Lanes.F);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int j = 0; j < full; j += 8) {
                    FloatVector qv = FloatVector.fromArray(Lanes.F, q, qOff + j);
                    s0 = s0.add(FloatVector.fromArray(Lanes.F, rows, o0 + j).mul(qv));
                    s1 = s1.add(FloatVector.fromArray(Lanes.F, rows, o1 + j).mul(qv));
                    s2 = s2.add(FloatVector.fromArray(Lanes.F, rows, o2 + j).mul(qv));
                    s3 = s3.add(FloatVector.fromArray(Lanes.F, rows, o3 + j).mul(qv));
                }
                FloatVector t = Stripes.reduceFour(s0, s1, s2, s3);
                out[outOff + p] = t.lane(0);
                out[outOff + p + 1] = t.lane(4);
                out[outOff + p + 2] = t.lane(2);
                out[outOff + p + 3] = t.lane(6);
            }
        }
        for (; p < count; p++) {
            out[outOff + p] = dot(q, qOff, rows, rowOff + p * stride, n);
        }
        for (p = 0; p < count; p++) {
            if (out[outOff + p] != out[outOff + p]) {
                out[outOff + p] = ScalarKernels.dotF32(q, qOff, rows, rowOff + p * stride, n);   // see NanRows
            }
        }
    }

    /**
     * {@code out[outOff + d] = Σ_p w[wOff + p] · v[p·stride + vOff + d]} for {@code d < width}, each
     * element summed on its own from 0 in ascending p (lane-wise adds: the plain loop's bits).
     */
    static void weightedSum(float[] w, int wOff, int n, float[] v, int stride, int vOff, int width,
                            float[] out, int outOff) {
        int d = 0;
        for (; d + 16 <= width; d += 16) {
            FloatVector s0 = FloatVector.zero(Lanes.F);
            FloatVector s1 = s0;
            for (int p = 0, i = vOff + d; p < n; p++, i += stride) {
                FloatVector weight = FloatVector.broadcast(Lanes.F, w[wOff + p]);
                s0 = s0.add(weight.mul(FloatVector.fromArray(Lanes.F, v, i)));
                s1 = s1.add(weight.mul(FloatVector.fromArray(Lanes.F, v, i + 8)));
            }
            s0.intoArray(out, outOff + d);
            s1.intoArray(out, outOff + d + 8);
        }
        for (; d + 8 <= width; d += 8) {
            FloatVector s = FloatVector.zero(Lanes.F);
            for (int p = 0, i = vOff + d; p < n; p++, i += stride) {
                s = s.add(FloatVector.broadcast(Lanes.F, w[wOff + p]).mul(FloatVector.fromArray(Lanes.F, v, i)));
            }
            s.intoArray(out, outOff + d);
        }
        for (; d < width; d++) {
            float s = 0f;
            for (int p = 0, i = vOff + d; p < n; p++, i += stride) {
                s += w[wOff + p] * v[i];
            }
            out[outOff + d] = s;
        }
    }
}
