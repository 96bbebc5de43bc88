package io.paddock.runtime.eval;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;

/**
 * Another {@link Kernels}: computes rows one at a time in descending order, as a thread
 * partition might. Per-row arithmetic is the C9 reference, so results must be bit-identical.
 */
final class ReverseRowKernels implements Kernels {
    private final ScalarKernels scalar = new ScalarKernels();

    @Override
    public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        for (int r = rowEnd - 1; r >= rowStart; r--) {
            scalar.matvec(w, x, out, outOffset, r, r + 1);
        }
    }

    @Override
    public String name() {
        return "reverse-rows";
    }
}
