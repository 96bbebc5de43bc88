package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * q4_0 rows with 256-bit vectors. Eight nibbles (four packed bytes, one little-endian word)
 * decode lane-wise: the word is broadcast, lane k shifts nibble k to the top and shifts it
 * back arithmetically (sign extension), then converts to float — element order is the stored
 * order, so lane k is the stripe {@code k}. Per block the stripes restart, are reduced in the
 * C9 order and scaled, and the block sums are added in ascending block order (C9). Block
 * sizes that are not a multiple of 8 use the scalar reference rows. Four rows per pass, one from
 * each quarter of the row range (see {@link F32Rows}), share each load of {@code x}.
 */
final class Q4Rows {
    private Q4Rows() {
    }

    static void matvec(TensorData.Q4 w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        int cols = w.cols();
        int bs = w.blockSize();
        if ((bs & 7) != 0) {
            for (int r = rowStart; r < rowEnd; r++) {
                out[outOffset + r] = ScalarKernels.rowQ4(w, r, x);
            }
            return;
        }
        int blocks = cols / bs;
        int rowBytes = cols >> 1;
        int halfBlock = bs >> 1;
        byte[] packed = w.packed();
        float[] scales = w.blockScales();
        int quarter = (rowEnd - rowStart) >> 2;
        for (int r = rowStart; r < rowStart + quarter; r++) {
            int r1 = r + quarter;
            int r2 = r1 + quarter;
            int r3 = r2 + quarter;
            int p0 = r * rowBytes;
            int p1 = r1 * rowBytes;
            int p2 = r2 * rowBytes;
            int p3 = r3 * rowBytes;
            int k0 = r * blocks;
            int k1 = r1 * blocks;
            int k2 = r2 * blocks;
            int k3 = r3 * blocks;
            float y0 = 0f;
            float y1 = 0f;
            float y2 = 0f;
            float y3 = 0f;
            for (int b = 0; b < blocks; b++) {
                int base = b * bs;
                int pb = b * halfBlock;
                FloatVector s0 = FloatVector.zero(Lanes.F);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int j = 0; j < bs; j += 8) {
                    FloatVector xv = FloatVector.fromArray(Lanes.F, x, base + j);
                    int p = pb + (j >> 1);
                    s0 = s0.add(nibbles(packed, p0 + p).mul(xv));
                    s1 = s1.add(nibbles(packed, p1 + p).mul(xv));
                    s2 = s2.add(nibbles(packed, p2 + p).mul(xv));
                    s3 = s3.add(nibbles(packed, p3 + p).mul(xv));
                }
                FloatVector t = Stripes.reduceFour(s0, s1, s2, s3);
                y0 += t.lane(0) * scales[k0 + b];
                y1 += t.lane(4) * scales[k1 + b];
                y2 += t.lane(2) * scales[k2 + b];
                y3 += t.lane(6) * scales[k3 + b];
            }
            out[outOffset + r] = y0;
            out[outOffset + r1] = y1;
            out[outOffset + r2] = y2;
            out[outOffset + r3] = y3;
        }
        for (int r = rowStart + 4 * quarter; r < rowEnd; r++) {
            int p0 = r * rowBytes;
            int k0 = r * blocks;
            float y = 0f;
            for (int b = 0; b < blocks; b++) {
                int base = b * bs;
                int pb = p0 + b * halfBlock;
                FloatVector s = FloatVector.zero(Lanes.F);
                for (int j = 0; j < bs; j += 8) {
                    s = s.add(nibbles(packed, pb + (j >> 1)).mul(FloatVector.fromArray(Lanes.F, x, base + j)));
                }
                y += Stripes.reduce(s) * scales[k0 + b];
            }
            out[outOffset + r] = y;
        }
    }

    /** The eight sign-extended nibbles of {@code packed[p .. p+4)} as floats, low nibble first. */
    private static FloatVector nibbles(byte[] packed, int p) {
        int word = (int) Lanes.INT_LE.get(packed, p);
        return (FloatVector) IntVector.broadcast(Lanes.I, word)
                .lanewise(VectorOperators.LSHL, Lanes.NIBBLE_SHIFTS)
                .lanewise(VectorOperators.ASHR, 28)
                .convert(VectorOperators.I2F, 0);
    }
}
