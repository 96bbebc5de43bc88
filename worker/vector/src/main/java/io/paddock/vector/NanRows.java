package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.ScalarKernels;

/**
 * Recomputes with the scalar reference every row whose vector result is NaN. A NaN stays NaN
 * through every later add and multiply, so only such rows can differ from the reference — and
 * only in the NaN's sign or payload, because the Vector API canonicalizes NaNs in its
 * non-intrinsic (interpreted, C1) cross-lane operations. Rows are rare and the scan is cheap.
 */
final class NanRows {
    private NanRows() {
    }

    static void repair(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        for (int r = rowStart; r < rowEnd; r++) {
            float y = out[outOffset + r];
            if (y != y) {
                out[outOffset + r] = scalarRow(w, x, r);
            }
        }
    }

    /** One row exactly as {@link ScalarKernels} computes it. */
    static float scalarRow(TensorData w, float[] x, int r) {
        if (w instanceof TensorData.F32 f) {
            return ScalarKernels.dotF32(f.values(), r * f.cols(), x, 0, f.cols());
        }
        if (w instanceof TensorData.Q8 q) {
            return ScalarKernels.dotQ8(q.quants(), r * q.cols(), x, q.cols()) * q.rowScales()[r];
        }
        return ScalarKernels.rowQ4((TensorData.Q4) w, r, x);
    }
}
