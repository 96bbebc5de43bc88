package io.paddock.runtime.kernel;

import io.paddock.protocol.slm.TensorData;

import java.util.function.IntConsumer;

/**
 * The matrix-vector products of the forward pass. Every implementation follows the C9
 * arithmetic order exactly (each row is one striped dot product), so all of them give
 * bit-identical results: {@code ScalarKernels} is the reference (and the browser path);
 * the JVM adds a Vector API and a multi-threaded implementation in {@code worker/vector}.
 */
public interface Kernels {

    /**
     * {@code out[outOffset + r] = Σ_c W[r][c] · x[c]} for rows {@code r} in
     * {@code [rowStart, rowEnd)}, with {@code x} of length ≥ {@code w.cols()}.
     */
    void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd);

    /** All rows of {@code w}. Implementations may split rows across threads; per-row order never changes. */
    default void matvec(TensorData w, float[] x, float[] out, int outOffset) {
        matvec(w, x, out, outOffset, 0, w.rows());
    }

    /**
     * Products that share one input, {@code out[i][r] = Σ_c W_i[r][c] · x[c]} for every row of each
     * {@code w[i]} (the query, key and value projections; the FFN's gate and up projections), each
     * exactly as {@link #matvec(TensorData, float[], float[], int)}. Implementations may run them as
     * one job: a multi-threaded one then dispatches once instead of once per matrix.
     */
    default void matvecs(TensorData[] w, float[] x, float[][] out) {
        if (w.length != out.length) {
            throw new IllegalArgumentException("matvecs needs one output per matrix: " + w.length + " != " + out.length);
        }
        for (int i = 0; i < w.length; i++) {
            matvec(w[i], x, out[i], 0);
        }
    }

    /**
     * Runs {@code task.accept(i)} for every {@code i} in {@code [0, n)}: independent tasks (the heads
     * of one attention step) of about {@code workEach} multiply-adds each, every one writing only its
     * own slice of the outputs. Implementations may run them on several threads; the default runs
     * them in order on the caller. Each task computes exactly what it would alone.
     */
    default void forEach(int n, long workEach, IntConsumer task) {
        for (int i = 0; i < n; i++) {
            task.accept(i);
        }
    }

    /**
     * Attention scores: {@code out[outOff + p] = dot(q[qOff, qOff+n), rows[rowOff + p·stride, … + n))}
     * for {@code p < count}, each the C9 striped dot product.
     */
    default void dots(float[] q, int qOff, float[] rows, int rowOff, int stride, int count, int n,
                      float[] out, int outOff) {
        for (int p = 0; p < count; p++) {
            out[outOff + p] = ScalarKernels.dotF32(q, qOff, rows, rowOff + p * stride, n);
        }
    }

    /**
     * Attention's weighted sum of values (C9): {@code out[outOff + d] = Σ_p w[wOff + p] · v[p·stride + vOff + d]}
     * for {@code d < width}, each element summed from 0 in ascending p.
     */
    default void weightedSum(float[] w, int wOff, int n, float[] v, int stride, int vOff, int width,
                             float[] out, int outOff) {
        ScalarKernels.scalarWeightedSum(w, wOff, n, v, stride, vOff, width, out, outOff);
    }

    /** A short name for diagnostics and benchmarks, e.g. "scalar", "vector256", "vector256x2threads". */
    String name();
}
