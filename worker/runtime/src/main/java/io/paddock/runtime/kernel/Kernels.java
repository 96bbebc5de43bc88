package io.paddock.runtime.kernel;

import io.paddock.protocol.slm.TensorData;

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

    /** A short name for diagnostics and benchmarks, e.g. "scalar", "vector256", "vector256x2threads". */
    String name();
}
