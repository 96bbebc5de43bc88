package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.TensorData;

/**
 * A private, mutable copy of one tensor that adapter records are added into
 * ({@code w' = w + scale * delta} in float). Created on first touch; the base tensor's
 * arrays are never written. Quantized forms re-quantize exactly what was touched (C4).
 */
abstract class TensorEdit {
    private final String tensorName;
    final int rows;
    final int cols;

    TensorEdit(String tensorName, int rows, int cols) {
        this.tensorName = tensorName;
        this.rows = rows;
        this.cols = cols;
    }

    /** A copy of {@code data} to edit; {@code tensorName} is for messages. */
    static TensorEdit of(TensorData base, String tensorName) {
        // a tensor left in its package bytes is decoded here: only the tensors an adapter touches
        TensorData data = TensorData.decodedForm(base);
        if (data instanceof TensorData.F32 f) {
            return new F32Edit(f, tensorName);
        } else if (data instanceof TensorData.Q8 q) {
            return new Q8Edit(q, tensorName);
        } else {
            return new Q4Edit((TensorData.Q4) data, tensorName);
        }
    }

    /** Adds {@code scale * deltas[from + c]} to every element c of {@code row}. */
    abstract void addRow(int row, float[] deltas, int from, float scale);

    /** Adds {@code scale * deltas[k]} at flat index {@code flat[k]}, k in [from, to), all inside {@code row}. */
    abstract void addSparse(int row, int[] flat, float[] deltas, int from, int to, float scale);

    /** The edited tensor as new, independent storage. */
    abstract TensorData result();

    /** {@code w + scale * delta} in float; NON_FINITE_VALUE if the result overflows. */
    final float updated(float w, float scale, float delta, int flatIndex) {
        float v = w + scale * delta;
        if (!Float.isFinite(v)) {
            throw new FormatException(ErrorCode.NON_FINITE_VALUE, "adapted weight must be finite",
                    tensorName + " element " + flatIndex + ": " + w + " + " + scale + " * " + delta + " = " + v);
        }
        return v;
    }
}
