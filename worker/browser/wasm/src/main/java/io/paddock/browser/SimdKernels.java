package io.paddock.browser;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.model.Model;

import java.nio.FloatBuffer;

/**
 * The browser's fast path: matrix-vector products by the WebAssembly SIMD128 kernels of
 * {@code kernels.wat} (C9 order, bit-identical to {@code ScalarKernels}), reading the weights in
 * linear memory. The input vector is staged into linear memory and the output read back per
 * product (a few KB against megabytes of weights). Browser only; single-threaded.
 */
public final class SimdKernels implements LinearKernels {
    private final LinearAllocator linear;
    private final WeightPlacements placements;
    private LinearBlock stage;
    private FloatBuffer stageFloats;
    private int xCapacity;

    public SimdKernels(LinearAllocator linear) {
        this.linear = linear;
        this.placements = new WeightPlacements(linear);
    }

    @Override
    public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        int rows = rowEnd - rowStart;
        if (rows <= 0) {
            return;
        }
        int cols = w.cols();
        Placement p = placements.of(w);
        stage(cols, rows);
        stageFloats.put(0, x, 0, cols);
        int xAddr = stage.address();
        int outAddr = stage.address() + 4 * xCapacity;
        if (w instanceof TensorData.F32) {
            KernelImports.f32(p.payload() + 4 * rowStart * cols, xAddr, outAddr, rows, cols);
        } else if (w instanceof TensorData.Q8) {
            KernelImports.q8(p.payload() + rowStart * cols, p.scales() + 4 * rowStart, xAddr, outAddr, rows, cols);
        } else {
            TensorData.Q4 q = (TensorData.Q4) w;
            int bs = q.blockSize();
            KernelImports.q4(p.payload() + rowStart * (cols / 2), p.scales() + 4 * rowStart * (cols / bs), xAddr, outAddr,
                    rows, cols, bs);
        }
        stageFloats.get(xCapacity, out, outOffset + rowStart, rows);
    }

    @Override
    public String name() {
        return "simd128";
    }

    @Override
    public void loaded(LoadedModel model) {
        placements.loaded(model);
    }

    @Override
    public void released(LoadedModel model) {
        placements.released(model);
    }

    @Override
    public void prepare(Model model) {
        placements.prepare(model);
    }

    /** Staging for x (first {@code xCapacity} floats, 16-aligned) then the output rows. */
    private void stage(int cols, int rows) {
        int xNeed = (cols + 3) & -4;
        if (stage != null && xNeed <= xCapacity && 4L * (xCapacity + rows) <= stage.size()) {
            return;
        }
        int xCap = Math.max(xNeed, xCapacity);
        int outCap = Math.max(rows, stage == null ? 0 : stage.size() / 4 - xCapacity);
        stage = linear.allocate(4 * (xCap + outCap));
        stageFloats = stage.buffer().asFloatBuffer();
        xCapacity = xCap;
    }
}
