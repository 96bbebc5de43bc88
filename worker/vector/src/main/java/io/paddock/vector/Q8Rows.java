package io.paddock.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * q8_0 rows with 256-bit vectors: eight signed bytes widen lane-wise to eight floats (exact),
 * are multiplied by {@code x} and added to the row's stripe vector; the reduced dot is then
 * multiplied by the row scale (C9). Four rows per pass, one from each quarter of the row range
 * (see {@link F32Rows}), share each load of {@code x}.
 */
final class Q8Rows {
    private Q8Rows() {
    }

    static void matvec(byte[] q, float[] scales, int cols, float[] x, float[] out, int outOffset,
                       int rowStart, int rowEnd) {
        int full = cols & ~7;
        int quarter = (rowEnd - rowStart) >> 2;
        for (int r = rowStart; r < rowStart + quarter; r++) {
            int r1 = r + quarter;
            int r2 = r1 + quarter;
            int r3 = r2 + quarter;
            int o0 = r * cols;
            int o1 = r1 * cols;
            int o2 = r2 * cols;
            int o3 = r3 * cols;
            FloatVector s0 = FloatVector.zero(Lanes.F);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int j = 0; j < full; j += 8) {
                FloatVector xv = FloatVector.fromArray(Lanes.F, x, j);
                s0 = s0.add(widen(q, o0 + j).mul(xv));
                s1 = s1.add(widen(q, o1 + j).mul(xv));
                s2 = s2.add(widen(q, o2 + j).mul(xv));
                s3 = s3.add(widen(q, o3 + j).mul(xv));
            }
            if (full == cols) {
                FloatVector t = Stripes.reduceFour(s0, s1, s2, s3);
                out[outOffset + r] = t.lane(0) * scales[r];
                out[outOffset + r1] = t.lane(4) * scales[r1];
                out[outOffset + r2] = t.lane(2) * scales[r2];
                out[outOffset + r3] = t.lane(6) * scales[r3];
            } else {
                out[outOffset + r] = Stripes.finishQ8(s0, q, o0, x, full, cols) * scales[r];
                out[outOffset + r1] = Stripes.finishQ8(s1, q, o1, x, full, cols) * scales[r1];
                out[outOffset + r2] = Stripes.finishQ8(s2, q, o2, x, full, cols) * scales[r2];
                out[outOffset + r3] = Stripes.finishQ8(s3, q, o3, x, full, cols) * scales[r3];
            }
        }
        for (int r = rowStart + 4 * quarter; r < rowEnd; r++) {
            int o = r * cols;
            FloatVector s = FloatVector.zero(Lanes.F);
            for (int j = 0; j < full; j += 8) {
                s = s.add(widen(q, o + j).mul(FloatVector.fromArray(Lanes.F, x, j)));
            }
            out[outOffset + r] = Stripes.finishQ8(s, q, o, x, full, cols) * scales[r];
        }
    }

    /** Eight signed bytes {@code q[off .. off+8)} as eight floats (exact). */
    private static FloatVector widen(byte[] q, int off) {
        return (FloatVector) ByteVector.fromArray(Lanes.B64, q, off).convertShape(VectorOperators.B2F, Lanes.F, 0);
    }
}
