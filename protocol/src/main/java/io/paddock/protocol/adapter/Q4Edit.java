package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.TensorData;

/**
 * Editing a q4_0 tensor: each touched block is dequantized ({@code nibble * scale}),
 * updated and re-quantized (C4); untouched blocks keep their nibbles and scales. Blocks
 * are even-sized and divide the row, so a block always owns whole bytes.
 */
final class Q4Edit extends TensorEdit {
    private final int blockSize;
    private final int blocksPerRow;
    private final byte[] packed;
    private final float[] scales;
    private final float[] block;

    Q4Edit(TensorData.Q4 data, String tensorName) {
        super(tensorName, data.rows(), data.cols());
        this.blockSize = data.blockSize();
        this.blocksPerRow = cols / blockSize;
        this.packed = data.packed().clone();
        this.scales = data.blockScales().clone();
        this.block = new float[blockSize];
    }

    @Override
    void addRow(int r, float[] deltas, int from, float scale) {
        for (int b = 0; b < blocksPerRow; b++) {
            int first = r * cols + b * blockSize;
            dequantize(r, b);
            for (int j = 0; j < blockSize; j++) {
                block[j] = updated(block[j], scale, deltas[from + b * blockSize + j], first + j);
            }
            requantize(r, b);
        }
    }

    @Override
    void addSparse(int r, int[] flat, float[] deltas, int from, int to, float scale) {
        int k = from;
        while (k < to) {
            int b = (flat[k] - r * cols) / blockSize;
            int first = r * cols + b * blockSize;
            dequantize(r, b);
            while (k < to && flat[k] < first + blockSize) {
                block[flat[k] - first] = updated(block[flat[k] - first], scale, deltas[k], flat[k]);
                k++;
            }
            requantize(r, b);
        }
    }

    private void dequantize(int r, int b) {
        float s = scales[r * blocksPerRow + b];
        int first = r * cols + b * blockSize;
        for (int j = 0; j < blockSize; j++) {
            block[j] = Requantize.nibble(packed, first + j) * s;
        }
    }

    private void requantize(int r, int b) {
        scales[r * blocksPerRow + b] = Requantize.q4Block(block, 0, blockSize, packed, r * cols + b * blockSize);
    }

    @Override
    TensorData result() {
        return new TensorData.Q4(rows, cols, blockSize, packed, scales);
    }
}
