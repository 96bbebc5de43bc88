package io.paddock.vector;

import jdk.incubator.vector.FloatVector;

/**
 * f32 rows with 256-bit vectors: lane j of a row's accumulator is the C9 stripe {@code acc[j % 8]},
 * added to in ascending j. Four rows per pass share each load of {@code x}; they are taken one
 * from each quarter of the row range ({@code r, r+q, r+2q, r+3q}), so the pass reads four long
 * sequential streams, which the hardware prefetchers follow far better than four adjacent rows
 * (measured: 2-3x faster on matrices that do not fit in the caches).
 */
final class F32Rows {
    private F32Rows() {
    }

    static void matvec(float[] w, int cols, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
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
                s0 = s0.add(FloatVector.fromArray(Lanes.F, w, o0 + j).mul(xv));
                s1 = s1.add(FloatVector.fromArray(Lanes.F, w, o1 + j).mul(xv));
                s2 = s2.add(FloatVector.fromArray(Lanes.F, w, o2 + j).mul(xv));
                s3 = s3.add(FloatVector.fromArray(Lanes.F, w, o3 + j).mul(xv));
            }
            if (full == cols) {
                FloatVector t = Stripes.reduceFour(s0, s1, s2, s3);
                out[outOffset + r] = t.lane(0);
                out[outOffset + r1] = t.lane(4);
                out[outOffset + r2] = t.lane(2);
                out[outOffset + r3] = t.lane(6);
            } else {
                out[outOffset + r] = Stripes.finishF32(s0, w, o0, x, 0, full, cols);
                out[outOffset + r1] = Stripes.finishF32(s1, w, o1, x, 0, full, cols);
                out[outOffset + r2] = Stripes.finishF32(s2, w, o2, x, 0, full, cols);
                out[outOffset + r3] = Stripes.finishF32(s3, w, o3, x, 0, full, cols);
            }
        }
        for (int r = rowStart + 4 * quarter; r < rowEnd; r++) {
            int o = r * cols;
            FloatVector s = FloatVector.zero(Lanes.F);
            for (int j = 0; j < full; j += 8) {
                s = s.add(FloatVector.fromArray(Lanes.F, w, o + j).mul(FloatVector.fromArray(Lanes.F, x, j)));
            }
            out[outOffset + r] = Stripes.finishF32(s, w, o, x, 0, full, cols);
        }
    }
}
