package io.paddock.runtime.kernel;

import io.paddock.protocol.slm.TensorData;

/**
 * The reference kernels: plain Java in the exact C9 order. Every row is a striped dot
 * product with 8 partial sums {@code acc[j % 8]} (kept in locals, which is twice as fast as
 * an array on the JVM and in wasm), reduced as {@code ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7))}.
 * This is also the browser's scalar path and the oracle every faster kernel is tested against.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        // the browser's scalar path decodes its packages at load; the JVM reader never leaves tensors in place
        TensorData.requireDecoded(w, "the scalar kernels");
        if (w instanceof TensorData.F32 f) {
            for (int r = rowStart; r < rowEnd; r++) {
                out[outOffset + r] = dotF32(f.values(), r * f.cols(), x, 0, f.cols());
            }
        } else if (w instanceof TensorData.Q8 q) {
            for (int r = rowStart; r < rowEnd; r++) {
                out[outOffset + r] = dotQ8(q.quants(), r * q.cols(), x, q.cols()) * q.rowScales()[r];
            }
        } else {
            TensorData.Q4 q = (TensorData.Q4) w;
            for (int r = rowStart; r < rowEnd; r++) {
                out[outOffset + r] = rowQ4(q, r, x);
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** C9 striped dot product of {@code a[aOff .. aOff+n)} and {@code b[bOff .. bOff+n)}. */
    public static float dotF32(float[] a, int aOff, float[] b, int bOff, int n) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            a0 += a[aOff + j] * b[bOff + j];
            a1 += a[aOff + j + 1] * b[bOff + j + 1];
            a2 += a[aOff + j + 2] * b[bOff + j + 2];
            a3 += a[aOff + j + 3] * b[bOff + j + 3];
            a4 += a[aOff + j + 4] * b[bOff + j + 4];
            a5 += a[aOff + j + 5] * b[bOff + j + 5];
            a6 += a[aOff + j + 6] * b[bOff + j + 6];
            a7 += a[aOff + j + 7] * b[bOff + j + 7];
        }
        // the tail continues the stripes: element j goes to accumulator j % 8
        if (j < n) a0 += a[aOff + j] * b[bOff + j];
        if (j + 1 < n) a1 += a[aOff + j + 1] * b[bOff + j + 1];
        if (j + 2 < n) a2 += a[aOff + j + 2] * b[bOff + j + 2];
        if (j + 3 < n) a3 += a[aOff + j + 3] * b[bOff + j + 3];
        if (j + 4 < n) a4 += a[aOff + j + 4] * b[bOff + j + 4];
        if (j + 5 < n) a5 += a[aOff + j + 5] * b[bOff + j + 5];
        if (j + 6 < n) a6 += a[aOff + j + 6] * b[bOff + j + 6];
        return reduce(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** C9 striped Σ (float) q[c] · x[c] over one q8_0 row (the row scale is applied by the caller). */
    public static float dotQ8(byte[] q, int qOff, float[] x, int n) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            a0 += (float) q[qOff + j] * x[j];
            a1 += (float) q[qOff + j + 1] * x[j + 1];
            a2 += (float) q[qOff + j + 2] * x[j + 2];
            a3 += (float) q[qOff + j + 3] * x[j + 3];
            a4 += (float) q[qOff + j + 4] * x[j + 4];
            a5 += (float) q[qOff + j + 5] * x[j + 5];
            a6 += (float) q[qOff + j + 6] * x[j + 6];
            a7 += (float) q[qOff + j + 7] * x[j + 7];
        }
        if (j < n) a0 += (float) q[qOff + j] * x[j];
        if (j + 1 < n) a1 += (float) q[qOff + j + 1] * x[j + 1];
        if (j + 2 < n) a2 += (float) q[qOff + j + 2] * x[j + 2];
        if (j + 3 < n) a3 += (float) q[qOff + j + 3] * x[j + 3];
        if (j + 4 < n) a4 += (float) q[qOff + j + 4] * x[j + 4];
        if (j + 5 < n) a5 += (float) q[qOff + j + 5] * x[j + 5];
        if (j + 6 < n) a6 += (float) q[qOff + j + 6] * x[j + 6];
        return reduce(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /**
     * One q4_0 row (C9): per block {@code s_b = striped Σ (float) nibble · x[c]} (stripes restart
     * at each block, indexed by the position within the block), then {@code y = Σ_b s_b · scale_b}
     * in ascending b.
     */
    public static float rowQ4(TensorData.Q4 q, int row, float[] x) {
        int cols = q.cols();
        int bs = q.blockSize();
        int blocks = cols / bs;
        byte[] packed = q.packed();
        float[] scales = q.blockScales();
        int rowByte = row * (cols >> 1);   // cols and block size are even: rows and blocks start on a byte
        float y = 0f;
        for (int b = 0; b < blocks; b++) {
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            int base = b * bs;
            int p = rowByte + (base >> 1);
            int j = 0;
            for (; j + 8 <= bs; j += 8, p += 4) {
                int b0 = packed[p], b1 = packed[p + 1], b2 = packed[p + 2], b3 = packed[p + 3];
                a0 += (float) lo(b0) * x[base + j];
                a1 += (float) hi(b0) * x[base + j + 1];
                a2 += (float) lo(b1) * x[base + j + 2];
                a3 += (float) hi(b1) * x[base + j + 3];
                a4 += (float) lo(b2) * x[base + j + 4];
                a5 += (float) hi(b2) * x[base + j + 5];
                a6 += (float) lo(b3) * x[base + j + 6];
                a7 += (float) hi(b3) * x[base + j + 7];
            }
            // tail (block sizes that are not a multiple of 8): even count, stripes continue
            if (j < bs) { a0 += (float) lo(packed[p]) * x[base + j]; a1 += (float) hi(packed[p]) * x[base + j + 1]; }
            if (j + 2 < bs) { a2 += (float) lo(packed[p + 1]) * x[base + j + 2]; a3 += (float) hi(packed[p + 1]) * x[base + j + 3]; }
            if (j + 4 < bs) { a4 += (float) lo(packed[p + 2]) * x[base + j + 4]; a5 += (float) hi(packed[p + 2]) * x[base + j + 5]; }
            y += reduce(a0, a1, a2, a3, a4, a5, a6, a7) * scales[row * blocks + b];
        }
        return y;
    }

    /** Low nibble of a packed byte, sign-extended (two's complement). */
    public static int lo(int packedByte) {
        return ((byte) (packedByte << 4)) >> 4;
    }

    /** High nibble of a packed byte, sign-extended. */
    public static int hi(int packedByte) {
        return ((byte) packedByte) >> 4;
    }

    /**
     * {@code out[outOff + d] = Σ_p w[wOff + p] · v[p·stride + vOff + d]}, each element summed
     * on its own in ascending p from 0. Eight elements at a time in registers (independent sums,
     * so the bits are those of the plain loop), which keeps the loads contiguous.
     */
    public static void scalarWeightedSum(float[] w, int wOff, int n, float[] v, int stride, int vOff, int width,
                            float[] out, int outOff) {
        int d = 0;
        for (; d + 8 <= width; d += 8) {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            for (int p = 0, i = vOff + d; p < n; p++, i += stride) {
                float weight = w[wOff + p];
                s0 += weight * v[i];
                s1 += weight * v[i + 1];
                s2 += weight * v[i + 2];
                s3 += weight * v[i + 3];
                s4 += weight * v[i + 4];
                s5 += weight * v[i + 5];
                s6 += weight * v[i + 6];
                s7 += weight * v[i + 7];
            }
            out[outOff + d] = s0;
            out[outOff + d + 1] = s1;
            out[outOff + d + 2] = s2;
            out[outOff + d + 3] = s3;
            out[outOff + d + 4] = s4;
            out[outOff + d + 5] = s5;
            out[outOff + d + 6] = s6;
            out[outOff + d + 7] = s7;
        }
        for (; d < width; d++) {
            float s = 0f;
            for (int p = 0, i = vOff + d; p < n; p++, i += stride) {
                s += w[wOff + p] * v[i];
            }
            out[outOff + d] = s;
        }
    }

    /** The fixed pairwise reduction of C9. */
    public static float reduce(float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7) {
        return ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
    }
}
