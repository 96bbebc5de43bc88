package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/**
 * The C4 quantizer. q8_0 per row: {@code scale = amax / 127f} (1f if amax is 0),
 * {@code q = clamp(rint(w / scale), -127, 127)}. q4_0 per block: {@code scale = amax / 7f}
 * (1f if amax is 0), {@code q = clamp(rint(w / scale), -8, 7)} as two's-complement nibbles, low
 * nibble first. {@code rint} rounds half to even (without {@code Math.rint}, see {@link #clampRint});
 * division is in {@code float}. When amax is so
 * small (below 127 or 7 × Float.MIN_VALUE) that the scale would underflow to 0, the scale is 1f as
 * for amax 0, so a stored scale is always positive. Inputs must be finite.
 *
 * <p>The row and block helpers re-quantize in place (adapter application, C7).
 */
public final class Quantizer {
    private Quantizer() {
    }

    /** f32 → q8_0, one scale per row. */
    public static TensorData.Q8 toQ8(TensorData.F32 t) {
        int rows = t.rows();
        int cols = t.cols();
        byte[] quants = new byte[rows * cols];
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            scales[r] = quantizeQ8Row(t.values(), r * cols, cols, quants, r * cols);
        }
        return new TensorData.Q8(rows, cols, quants, scales);
    }

    /** f32 → q4_0 with the default block size 32. */
    public static TensorData.Q4 toQ4(TensorData.F32 t) {
        return toQ4(t, SlmFormat.DEFAULT_Q4_BLOCK);
    }

    /** f32 → q4_0; {@code blockSize} must be even and divide the column count. */
    public static TensorData.Q4 toQ4(TensorData.F32 t, int blockSize) {
        int rows = t.rows();
        int cols = t.cols();
        requireQ4Block(blockSize, cols);
        int blocksPerRow = cols / blockSize;
        byte[] packed = new byte[rows * cols / 2];
        float[] scales = new float[rows * blocksPerRow];
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocksPerRow; b++) {
                int first = r * cols + b * blockSize;
                scales[r * blocksPerRow + b] = quantizeQ4Block(t.values(), first, blockSize, packed, first);
            }
        }
        return new TensorData.Q4(rows, cols, blockSize, packed, scales);
    }

    /** Any dtype → f32 (q × scale, as the runtime dequantizes). */
    public static TensorData.F32 toF32(TensorData data) {
        TensorData t = TensorData.decodedForm(data);
        if (t instanceof TensorData.F32) {
            return (TensorData.F32) t;
        }
        int rows = t.rows();
        int cols = t.cols();
        float[] values = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = t.get(r, c);
            }
        }
        return new TensorData.F32(rows, cols, values);
    }

    /**
     * {@code t} stored as {@code target}; returned unchanged if it already is (for q4_0: with the
     * same block size), otherwise dequantized and re-quantized.
     */
    public static TensorData convert(TensorData data, DType target, int q4BlockSize) {
        TensorData t = TensorData.decodedForm(data);   // a tensor left in place is decoded first
        if (t.dtype() == target && (target != DType.Q4_0 || ((TensorData.Q4) t).blockSize() == q4BlockSize)) {
            return t;
        }
        TensorData.F32 f = toF32(t);
        switch (target) {
            case F32:
                return f;
            case Q8_0:
                return toQ8(f);
            default:
                return toQ4(f, q4BlockSize);
        }
    }

    /** Throws unless {@code blockSize} is a valid q4_0 block for rows of {@code cols}. */
    public static void requireQ4Block(int blockSize, int cols) {
        if (blockSize <= 0 || blockSize % 2 != 0 || cols % blockSize != 0) {
            throw new IllegalArgumentException("q4_0 block size must be even and divide the column count "
                    + cols + ": got " + blockSize);
        }
    }

    /**
     * Quantizes {@code cols} values of {@code src} from {@code srcOff} into {@code dst[dstOff..]}
     * and returns the row scale.
     */
    public static float quantizeQ8Row(float[] src, int srcOff, int cols, byte[] dst, int dstOff) {
        float scale = scale(src, srcOff, cols, 127f);
        for (int c = 0; c < cols; c++) {
            dst[dstOff + c] = (byte) clampRint(src[srcOff + c] / scale, -127, 127);
        }
        return scale;
    }

    /**
     * Quantizes {@code length} values of {@code src} from {@code srcOff} into the nibbles of elements
     * {@code firstElement..firstElement+length-1} of {@code packed} (other nibbles untouched) and
     * returns the block scale.
     */
    public static float quantizeQ4Block(float[] src, int srcOff, int length, byte[] packed, int firstElement) {
        float scale = scale(src, srcOff, length, 7f);
        for (int k = 0; k < length; k++) {
            int q = clampRint(src[srcOff + k] / scale, -8, 7) & 0xF;
            int e = firstElement + k;
            int old = packed[e >> 1];
            packed[e >> 1] = (byte) ((e & 1) == 0 ? (old & 0xF0) | q : (old & 0x0F) | (q << 4));
        }
        return scale;
    }

    /** Dequantizes row {@code row} of a q8_0 tensor into {@code dst[dstOff..]}. */
    public static void dequantizeQ8Row(TensorData.Q8 t, int row, float[] dst, int dstOff) {
        int cols = t.cols();
        float scale = t.rowScales()[row];
        for (int c = 0; c < cols; c++) {
            dst[dstOff + c] = t.quants()[row * cols + c] * scale;
        }
    }

    /** Dequantizes block {@code block} of row {@code row} of a q4_0 tensor into {@code dst[dstOff..]}. */
    public static void dequantizeQ4Block(TensorData.Q4 t, int row, int block, float[] dst, int dstOff) {
        int bs = t.blockSize();
        for (int k = 0; k < bs; k++) {
            dst[dstOff + k] = t.get(row, block * bs + k);
        }
    }

    private static float scale(float[] src, int off, int length, float levels) {
        float amax = 0;
        for (int i = off; i < off + length; i++) {
            float v = src[i];
            if (!Float.isFinite(v)) {
                throw new FormatException(ErrorCode.NON_FINITE_VALUE, "values to quantize must be finite", v);
            }
            amax = Math.max(amax, Math.abs(v));
        }
        float scale = amax / levels;
        return scale == 0 ? 1f : scale;
    }

    /**
     * {@code clamp(rint(x), min, max)} with rint rounding half to even, in plain float and int
     * arithmetic (TeaVM's {@code Math.rint} does not round half to even). Inside (min, max) the
     * fraction {@code x - trunc(x)} is exact.
     */
    public static int clampRint(float x, int min, int max) {
        if (x <= min) {
            return min;
        }
        if (x >= max) {
            return max;
        }
        int t = (int) x;
        float frac = x - t;
        if (frac > 0.5f || (frac == 0.5f && (t & 1) != 0)) {
            return t + 1;
        }
        if (frac < -0.5f || (frac == -0.5f && (t & 1) != 0)) {
            return t - 1;
        }
        return t;
    }
}
