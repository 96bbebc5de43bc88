package io.paddock.trainer.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix products of a linear layer, on one kernel {@link #gemm}: every output element is
 * its start value (0, or its current value when accumulating) plus the products added one by one
 * in ascending order of the shared index. Vector API lanes (fixed 256-bit species, lane-wise
 * {@code mul} then {@code add}, never FMA) and the scalar tails compute exactly that, so the
 * result is the same on every JVM and machine.
 */
public final class MatMul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;

    private MatMul() {
    }

    /**
     * {@code y[n×m] = x[n×k] · wT[k×m]}, i.e. {@code y[i][r] = Σ_c W[r][c] x[i][c]} with {@code wT}
     * the transposed weight; ascending c. Overwrites y.
     */
    public static void forward(float[] x, int n, int k, float[] wT, int m, float[] y) {
        gemm(x, k, 1, n, k, wT, m, y, true);
    }

    /** {@code dx[n×k] += dy[n×m] · w[m×k]}: the gradient of the layer input; ascending r. */
    public static void backwardInput(float[] dy, int n, int m, float[] w, int k, float[] dx) {
        gemm(dy, m, 1, n, m, w, k, dx, false);
    }

    /** {@code dw[m×k] += dy[n×m]ᵀ · x[n×k]}: the gradient of the weight; ascending i. */
    public static void backwardWeight(float[] dy, int n, int m, float[] x, int k, float[] dw) {
        gemm(dy, 1, m, m, n, x, k, dw, false);
    }

    /**
     * {@code c[rows×cols] (=|+=) A[rows×inner] · b[inner×cols]} where {@code A[r][t] = a[r·rowStride +
     * t·colStride]}; b and c are row-major. Each element of c is its start value (0 when
     * {@code overwrite}) plus the products in ascending t. Blocks of 16 columns (two vectors) × 4
     * rows live in registers while t runs; leftover rows and columns take narrower paths with the
     * same order.
     */
    public static void gemm(float[] a, int rowStride, int colStride, int rows, int inner, float[] b, int cols,
                            float[] c, boolean overwrite) {
        int j = 0;
        for (; j + 2 * L <= cols; j += 2 * L) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                block4x16(a, rowStride, colStride, r, inner, b, cols, j, c, overwrite);
            }
            for (; r < rows; r++) {
                block1xV(a, rowStride, colStride, r, inner, b, cols, j, c, overwrite);
                block1xV(a, rowStride, colStride, r, inner, b, cols, j + L, c, overwrite);
            }
        }
        for (; j + L <= cols; j += L) {
            for (int r = 0; r < rows; r++) {
                block1xV(a, rowStride, colStride, r, inner, b, cols, j, c, overwrite);
            }
        }
        for (; j < cols; j++) {
            for (int r = 0; r < rows; r++) {
                float acc = overwrite ? 0f : c[r * cols + j];
                int aOff = r * rowStride;
                for (int t = 0; t < inner; t++) {
                    acc += a[aOff + t * colStride] * b[t * cols + j];
                }
                c[r * cols + j] = acc;
            }
        }
    }

    private static void block4x16(float[] a, int rs, int cs, int r, int inner, float[] b, int cols, int j,
                                  float[] c, boolean overwrite) {
        int c0 = r * cols + j;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        FloatVector acc00;
        FloatVector acc01;
        FloatVector acc10;
        FloatVector acc11;
        FloatVector acc20;
        FloatVector acc21;
        FloatVector acc30;
        FloatVector acc31;
        if (overwrite) {
            acc00 = FloatVector.zero(S);
            acc01 = acc00;
            acc10 = acc00;
            acc11 = acc00;
            acc20 = acc00;
            acc21 = acc00;
            acc30 = acc00;
            acc31 = acc00;
        } else {
            acc00 = FloatVector.fromArray(S, c, c0);
            acc01 = FloatVector.fromArray(S, c, c0 + L);
            acc10 = FloatVector.fromArray(S, c, c1);
            acc11 = FloatVector.fromArray(S, c, c1 + L);
            acc20 = FloatVector.fromArray(S, c, c2);
            acc21 = FloatVector.fromArray(S, c, c2 + L);
            acc30 = FloatVector.fromArray(S, c, c3);
            acc31 = FloatVector.fromArray(S, c, c3 + L);
        }
        int a0 = r * rs;
        int a1 = a0 + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int t = 0; t < inner; t++) {
            int bOff = t * cols + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bOff);
            FloatVector b1 = FloatVector.fromArray(S, b, bOff + L);
            int at = t * cs;
            float v0 = a[a0 + at];
            float v1 = a[a1 + at];
            float v2 = a[a2 + at];
            float v3 = a[a3 + at];
            acc00 = acc00.add(b0.mul(v0));
            acc01 = acc01.add(b1.mul(v0));
            acc10 = acc10.add(b0.mul(v1));
            acc11 = acc11.add(b1.mul(v1));
            acc20 = acc20.add(b0.mul(v2));
            acc21 = acc21.add(b1.mul(v2));
            acc30 = acc30.add(b0.mul(v3));
            acc31 = acc31.add(b1.mul(v3));
        }
        acc00.intoArray(c, c0);
        acc01.intoArray(c, c0 + L);
        acc10.intoArray(c, c1);
        acc11.intoArray(c, c1 + L);
        acc20.intoArray(c, c2);
        acc21.intoArray(c, c2 + L);
        acc30.intoArray(c, c3);
        acc31.intoArray(c, c3 + L);
    }

    private static void block1xV(float[] a, int rs, int cs, int r, int inner, float[] b, int cols, int j,
                                 float[] c, boolean overwrite) {
        int cOff = r * cols + j;
        FloatVector acc = overwrite ? FloatVector.zero(S) : FloatVector.fromArray(S, c, cOff);
        int aOff = r * rs;
        for (int t = 0; t < inner; t++) {
            acc = acc.add(FloatVector.fromArray(S, b, t * cols + j).mul(a[aOff + t * cs]));
        }
        acc.intoArray(c, cOff);
    }
}
