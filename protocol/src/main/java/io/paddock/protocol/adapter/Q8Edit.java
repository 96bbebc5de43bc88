package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.TensorData;

/**
 * Editing a q8_0 tensor: each touched row is dequantized ({@code q * scale}), updated and
 * re-quantized (C4); untouched rows keep their bytes and scales.
 */
final class Q8Edit extends TensorEdit {
    private final byte[] quants;
    private final float[] scales;
    private final float[] row;

    Q8Edit(TensorData.Q8 data, String tensorName) {
        super(tensorName, data.rows(), data.cols());
        this.quants = data.quants().clone();
        this.scales = data.rowScales().clone();
        this.row = new float[cols];
    }

    @Override
    void addRow(int r, float[] deltas, int from, float scale) {
        dequantize(r);
        for (int c = 0; c < cols; c++) {
            row[c] = updated(row[c], scale, deltas[from + c], r * cols + c);
        }
        scales[r] = Requantize.q8Row(row, 0, cols, quants, r * cols);
    }

    @Override
    void addSparse(int r, int[] flat, float[] deltas, int from, int to, float scale) {
        dequantize(r);
        int base = r * cols;
        for (int k = from; k < to; k++) {
            int c = flat[k] - base;
            row[c] = updated(row[c], scale, deltas[k], flat[k]);
        }
        scales[r] = Requantize.q8Row(row, 0, cols, quants, base);
    }

    private void dequantize(int r) {
        float s = scales[r];
        int base = r * cols;
        for (int c = 0; c < cols; c++) {
            row[c] = quants[base + c] * s;
        }
    }

    @Override
    TensorData result() {
        return new TensorData.Q8(rows, cols, quants, scales);
    }
}
