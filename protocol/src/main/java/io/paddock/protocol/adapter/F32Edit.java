package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.TensorData;

/** Editing an f32 tensor: element-wise add on a copy of its values. */
final class F32Edit extends TensorEdit {
    private final float[] values;

    F32Edit(TensorData.F32 data, String tensorName) {
        super(tensorName, data.rows(), data.cols());
        this.values = data.values().clone();
    }

    @Override
    void addRow(int row, float[] deltas, int from, float scale) {
        int base = row * cols;
        for (int c = 0; c < cols; c++) {
            values[base + c] = updated(values[base + c], scale, deltas[from + c], base + c);
        }
    }

    @Override
    void addSparse(int row, int[] flat, float[] deltas, int from, int to, float scale) {
        for (int k = from; k < to; k++) {
            int i = flat[k];
            values[i] = updated(values[i], scale, deltas[k], i);
        }
    }

    @Override
    TensorData result() {
        return new TensorData.F32(rows, cols, values);
    }
}
