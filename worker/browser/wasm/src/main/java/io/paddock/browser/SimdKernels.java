package io.paddock.browser;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.model.Model;

import java.nio.FloatBuffer;

/**
 * The browser's fast path: matrix-vector products and attention by the WebAssembly SIMD128
 * kernels of {@code kernels.wat} (C9 order, bit-identical to {@code ScalarKernels}), reading the
 * weights and the attention caches ({@link KvMirror}) in linear memory. The small inputs (x, the
 * query, the attention weights) are staged into linear memory and the outputs read back per call
 * (a few KB against megabytes of weights). Browser only; single-threaded.
 */
public final class SimdKernels implements LinearKernels {
    private final LinearAllocator linear;
    private final WeightPlacements placements;
    private final KvMirror caches;
    private LinearBlock stage;
    private FloatBuffer stageFloats;
    private int xCapacity;

    public SimdKernels(LinearAllocator linear) {
        this.linear = linear;
        this.placements = new WeightPlacements(linear);
        this.caches = new KvMirror(linear);
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
        int scratchAddr = xAddr + 4 * xCapacity;
        int outAddr = scratchAddr + 4 * xCapacity;
        // by stored form: decoded tensors (copied in) and tensors left in their package (in place) alike
        DType dtype = w.dtype();
        if (dtype == DType.F32) {
            KernelImports.f32(p.payload() + 4 * rowStart * cols, xAddr, outAddr, rows, cols);
        } else if (dtype == DType.Q8_0) {
            KernelImports.q8(p.payload() + rowStart * cols, p.scales() + 4 * rowStart, xAddr, scratchAddr, outAddr,
                    rows, cols);
        } else {
            int bs = w instanceof TensorData.Stored s ? s.blockSize() : ((TensorData.Q4) w).blockSize();
            KernelImports.q4(p.payload() + rowStart * (cols / 2), p.scales() + 4 * rowStart * (cols / bs), xAddr,
                    scratchAddr, outAddr, rows, cols, bs);
        }
        stageFloats.get(2 * xCapacity, out, outOffset + rowStart, rows);
    }

    @Override
    public void dots(float[] q, int qOff, float[] rows, int rowOff, int stride, int count, int n,
                     float[] out, int outOff) {
        int keys = caches.sync(rows, rowOff, stride, count, n);
        if (keys < 0) {
            LinearKernels.super.dots(q, qOff, rows, rowOff, stride, count, n, out, outOff);
            return;
        }
        stage(n, count);
        stageFloats.put(0, q, qOff, n);
        int qAddr = stage.address();
        int outAddr = qAddr + 8 * xCapacity;
        KernelImports.dots(qAddr, keys + 4 * rowOff, 4 * stride, count, n, outAddr);
        stageFloats.get(2 * xCapacity, out, outOff, count);
    }

    @Override
    public void weightedSum(float[] w, int wOff, int n, float[] v, int stride, int vOff, int width,
                            float[] out, int outOff) {
        int values = caches.sync(v, vOff, stride, n, width);
        if (values < 0) {
            LinearKernels.super.weightedSum(w, wOff, n, v, stride, vOff, width, out, outOff);
            return;
        }
        stage(n, width);
        stageFloats.put(0, w, wOff, n);
        int wAddr = stage.address();
        int outAddr = wAddr + 8 * xCapacity;
        KernelImports.wsum(wAddr, n, values + 4 * vOff, 4 * stride, width, outAddr);
        stageFloats.get(2 * xCapacity, out, outOff, width);
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

    /**
     * Staging: the input (the first {@code xCapacity} floats, 16-aligned), the kernels' scratch (as
     * many) and then the output.
     */
    private void stage(int inputs, int outputs) {
        int xNeed = (Math.max(inputs, 1) + 3) & -4;
        if (stage != null && xNeed <= xCapacity && 4L * (2L * xCapacity + outputs) <= stage.size()) {
            return;
        }
        int xCap = Math.max(xNeed, xCapacity);
        int outCap = Math.max(outputs, stage == null ? 0 : stage.size() / 4 - 2 * xCapacity);
        stage = linear.allocate(4 * (2 * xCap + outCap));
        stageFloats = stage.buffer().asFloatBuffer();
        xCapacity = xCap;
    }
}
