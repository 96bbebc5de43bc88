package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.LittleEndian;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Checks that a tensor's data is writable (consistent arrays, finite values, positive scales,
 * a valid q4_0 block size) and streams its payload and scale bytes. Takes decoded data: a tensor
 * left in its package bytes is decoded once by {@link SlmWriter} before it gets here.
 */
public final class TensorEncoder {
    private static final int CHUNK_FLOATS = 1 << 14;

    private TensorEncoder() {
    }

    /** Throws unless {@code t}'s data matches its dims and would pass the reader's checks. */
    public static void check(Tensor t, String name) {
        TensorData d = TensorData.requireDecoded(t.data(), "the package writer");
        int cols = t.dims()[t.rank() - 1];
        long rows = t.elementCount() / cols;
        if (d.cols() != cols || d.rows() != rows) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH, name + ": data must be " + rows + " × " + cols,
                    d.rows() + " × " + d.cols());
        }
        long n = (long) d.rows() * d.cols();
        if (d instanceof TensorData.F32) {
            float[] v = ((TensorData.F32) d).values();
            requireLength(name, "values", v.length, n);
            requireFinite(name, "f32 value", v, false);
        } else if (d instanceof TensorData.Q8) {
            TensorData.Q8 q = (TensorData.Q8) d;
            requireLength(name, "quants", q.quants().length, n);
            requireLength(name, "row scales", q.rowScales().length, d.rows());
            requireFinite(name, "q8_0 row scale", q.rowScales(), true);
        } else {
            TensorData.Q4 q = (TensorData.Q4) d;
            int bs = q.blockSize();
            if (bs <= 0 || bs % 2 != 0 || cols % bs != 0) {
                throw new FormatException(ErrorCode.INVALID_TENSOR_DIRECTORY,
                        name + ": q4_0 block size must be even and divide " + cols, bs);
            }
            requireLength(name, "packed bytes", q.packed().length, n / 2);
            requireLength(name, "block scales", q.blockScales().length, n / bs);
            requireFinite(name, "q4_0 block scale", q.blockScales(), true);
        }
    }

    /** Writes the payload bytes (values only). */
    public static void writePayload(TensorData d, OutputStream out) throws IOException {
        if (d instanceof TensorData.F32) {
            writeFloats(((TensorData.F32) d).values(), out);
        } else if (d instanceof TensorData.Q8) {
            out.write(((TensorData.Q8) d).quants());
        } else {
            out.write(((TensorData.Q4) d).packed());
        }
    }

    /** Writes the scale array (nothing for f32). */
    public static void writeScales(TensorData d, OutputStream out) throws IOException {
        if (d instanceof TensorData.Q8) {
            writeFloats(((TensorData.Q8) d).rowScales(), out);
        } else if (d instanceof TensorData.Q4) {
            writeFloats(((TensorData.Q4) d).blockScales(), out);
        }
    }

    private static void writeFloats(float[] values, OutputStream out) throws IOException {
        byte[] buf = new byte[4 * Math.min(CHUNK_FLOATS, values.length)];
        for (int done = 0; done < values.length; ) {
            int n = Math.min(CHUNK_FLOATS, values.length - done);
            for (int i = 0; i < n; i++) {
                LittleEndian.putFloat(buf, 4 * i, values[done + i]);
            }
            out.write(buf, 0, 4 * n);
            done += n;
        }
    }

    private static void requireLength(String name, String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + ": " + what + " length " + actual + ", expected " + expected);
        }
    }

    private static void requireFinite(String name, String what, float[] values, boolean positive) {
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!Float.isFinite(v) || (positive && !(v > 0))) {
                throw new FormatException(ErrorCode.NON_FINITE_VALUE,
                        name + ": " + what + " [" + i + "] must be finite" + (positive ? " and > 0" : ""), v);
            }
        }
    }
}
