package io.paddock.runtime.model;

import io.paddock.protocol.slm.TensorData;

/** Dequantizes one row of a tensor element-wise as {@code q * scale} (C9), e.g. an embedding row. */
public final class Dequantize {
    private Dequantize() {
    }

    /** {@code out[c] = W[row][c]} for every column c. */
    public static void row(TensorData w, int row, float[] out) {
        int cols = w.cols();
        if (w instanceof TensorData.Stored s) {
            s.row(row, out);   // read in place, no copy of the tensor
        } else if (w instanceof TensorData.F32 f) {
            System.arraycopy(f.values(), row * cols, out, 0, cols);
        } else if (w instanceof TensorData.Q8 q) {
            byte[] quants = q.quants();
            float scale = q.rowScales()[row];
            int base = row * cols;
            for (int c = 0; c < cols; c++) {
                out[c] = quants[base + c] * scale;
            }
        } else {
            TensorData.Q4 q = (TensorData.Q4) w;
            byte[] packed = q.packed();
            float[] scales = q.blockScales();
            int bs = q.blockSize();
            int scaleBase = row * (cols / bs);
            int byteBase = row * (cols >> 1);
            for (int c = 0; c < cols; c += 2) {
                int b = packed[byteBase + (c >> 1)];
                float scale = scales[scaleBase + c / bs];   // c and c+1 share a block: bs is even
                out[c] = (((byte) (b << 4)) >> 4) * scale;
                out[c + 1] = (((byte) b) >> 4) * scale;
            }
        }
    }
}
