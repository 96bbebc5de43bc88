package io.paddock.vector.bench;

import io.paddock.protocol.slm.TensorData;

/** Bytes a kernel reads to use a tensor once: the stored payload plus its scales. */
public final class WeightBytes {
    private WeightBytes() {
    }

    public static long of(TensorData t) {
        if (t instanceof TensorData.Q8 q) {
            return q.payloadBytes() + 4L * q.rowScales().length;
        }
        if (t instanceof TensorData.Q4 q) {
            return q.payloadBytes() + 4L * q.blockScales().length;
        }
        if (t instanceof TensorData.Stored s) {
            return s.payloadBytes() + s.scaleBytes();
        }
        return t.payloadBytes();
    }

    /** Bytes of one row (an embedding lookup). */
    public static long ofRow(TensorData t) {
        return of(t) / t.rows();
    }
}
