package io.paddock.protocol.slm;

import io.paddock.protocol.io.ByteSource;

/**
 * A tensor's values in their stored form (reference §5). Matrices are row-major,
 * {@code rows} = output features, {@code cols} = input features; 1-D tensors are one row.
 * Arrays are owned by the record and must not be mutated once shared.
 *
 * <p>{@link Stored} is the fourth kind: a tensor left in its package bytes (validated, not
 * decoded), for runtimes that read the weights where they lie (the browser's SIMD kernels).
 * {@link SlmReader#read} and {@link SlmReader#readTensor} never produce it; code that needs the
 * arrays calls {@link Stored#decoded()}.
 */
public sealed interface TensorData permits TensorData.F32, TensorData.Q8, TensorData.Q4,
        TensorData.Stored {

    int rows();

    int cols();

    DType dtype();

    /** Payload bytes as stored in the file (without scales). */
    long payloadBytes();

    /** Dequantized value at (row, col), as the runtime computes it (C9: q * scale). */
    float get(int row, int col);

    /** dtype 1: plain floats, {@code rows*cols} values. */
    record F32(int rows, int cols, float[] values) implements TensorData {
        public DType dtype() {
            return DType.F32;
        }

        public long payloadBytes() {
            return 4L * values.length;
        }

        public float get(int row, int col) {
            return values[row * cols + col];
        }
    }

    /** dtype 2: one signed byte per value, one scale per row ({@code block_size = cols}). */
    record Q8(int rows, int cols, byte[] quants, float[] rowScales) implements TensorData {
        public DType dtype() {
            return DType.Q8_0;
        }

        public long payloadBytes() {
            return quants.length;
        }

        public float get(int row, int col) {
            return quants[row * cols + col] * rowScales[row];
        }
    }

    /**
     * dtype 3: two's-complement nibbles, low nibble first, packed over the row-major element
     * sequence; one scale per {@code blockSize} values of a row, index {@code row*(cols/blockSize)+block}.
     */
    record Q4(int rows, int cols, int blockSize, byte[] packed, float[] blockScales) implements TensorData {
        public DType dtype() {
            return DType.Q4_0;
        }

        public long payloadBytes() {
            return packed.length;
        }

        public float get(int row, int col) {
            int i = row * cols + col;
            int b = packed[i >> 1];
            int nib = (i & 1) == 0 ? ((byte) (b << 4)) >> 4 : ((byte) b) >> 4;
            return nib * blockScales[row * (cols / blockSize) + col / blockSize];
        }
    }

    /**
     * A tensor left in place in its package: the stored payload (f32 LE values, q8_0 bytes or
     * q4_0 packed nibbles, row-major) at {@code payloadOffset} of {@code bytes}, and its f32 LE
     * scale array at {@code scaleOffset} (q8_0: one per row; q4_0: one per block, row-major; f32:
     * none, offset 0). Made by {@link SlmReader#readTensorInPlace}, which checked exactly what
     * decoding checks; valid as long as {@code bytes} is (the bytes must not change).
     *
     * @param blockSize the directory's block_size field: 0 (f32), cols (q8_0), the q4_0 block size
     */
    record Stored(int rows, int cols, DType dtype, int blockSize, ByteSource bytes, long payloadOffset,
                  long scaleOffset) implements TensorData {

        public Stored {
            boolean blockOk = dtype == DType.F32 ? blockSize == 0
                    : dtype == DType.Q8_0 ? blockSize == cols
                    : blockSize > 0 && blockSize % 2 == 0 && cols % blockSize == 0;
            if (rows <= 0 || cols <= 0 || !blockOk || (long) rows * cols > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a stored " + dtype + " tensor needs rows, cols > 0 and a valid block"
                        + " size: " + rows + " x " + cols + ", block " + blockSize);
            }
            long payload = payloadBytes(dtype, (long) rows * cols);
            long scales = 4L * scaleCount(dtype, rows, cols, blockSize);
            long size = bytes.size();
            if (payloadOffset < 0 || payload > size - payloadOffset
                    || (scales > 0 && (scaleOffset < 0 || scales > size - scaleOffset))) {
                throw new IllegalArgumentException("a stored tensor's payload (" + payload + " bytes at "
                        + payloadOffset + ") and scales (" + scales + " bytes at " + scaleOffset
                        + ") must lie inside its " + size + " bytes");
            }
        }

        public long payloadBytes() {
            return payloadBytes(dtype, (long) rows * cols);
        }

        /** Bytes of the scale array: 0 (f32), 4 per row (q8_0), 4 per block (q4_0). */
        public long scaleBytes() {
            return 4L * scaleCount(dtype, rows, cols, blockSize);
        }

        /** Exactly as the decoded form computes it: the stored float, or {@code q * scale} (C9). */
        public float get(int row, int col) {
            checkIndex(row, rows, "row");
            checkIndex(col, cols, "column");
            int i = row * cols + col;
            switch (dtype) {
                case F32:
                    return Float.intBitsToFloat(bytes.getIntLE(payloadOffset + 4L * i));
                case Q8_0:
                    return bytes.getByte(payloadOffset + i) * scale(row);
                default: {
                    int b = bytes.getByte(payloadOffset + (i >> 1));
                    int nib = (i & 1) == 0 ? ((byte) (b << 4)) >> 4 : ((byte) b) >> 4;
                    return nib * scale(row * (cols / blockSize) + col / blockSize);
                }
            }
        }

        /** Scale {@code index} (q8_0: the row; q4_0: {@code row*(cols/blockSize)+block}), as the reader decodes it. */
        public float scale(int index) {
            checkIndex(index, (int) scaleCount(dtype, rows, cols, blockSize), "scale");
            return Float.intBitsToFloat(bytes.getIntLE(scaleOffset + 4L * index));
        }

        /** {@code out[c] = get(row, c)} for every column, without allocating. */
        public void row(int row, float[] out) {
            checkIndex(row, rows, "row");
            if (out.length < cols) {
                throw new IndexOutOfBoundsException("a row of " + cols + " values needs an output of that length: "
                        + out.length);
            }
            long base = (long) row * cols;
            switch (dtype) {
                case F32:
                    for (int c = 0; c < cols; c++) {
                        out[c] = Float.intBitsToFloat(bytes.getIntLE(payloadOffset + 4L * (base + c)));
                    }
                    return;
                case Q8_0: {
                    float s = scale(row);
                    for (int c = 0; c < cols; c++) {
                        out[c] = bytes.getByte(payloadOffset + base + c) * s;
                    }
                    return;
                }
                default: {
                    int scaleBase = row * (cols / blockSize);
                    long byteBase = payloadOffset + (base >> 1);
                    for (int c = 0; c < cols; c += 2) {
                        int b = bytes.getByte(byteBase + (c >> 1));
                        float s = scale(scaleBase + c / blockSize);   // c and c+1 share a block: bs is even
                        out[c] = (((byte) (b << 4)) >> 4) * s;
                        out[c + 1] = (((byte) b) >> 4) * s;
                    }
                }
            }
        }

        /** The ordinary F32/Q8/Q4 form: the same arrays {@link SlmReader#readTensor} produces. */
        public TensorData decoded() {
            return TensorDecoder.materialize(this);
        }

        /** As the decoded arrays would: an index outside the tensor throws, never reads a neighbour's bytes. */
        private static void checkIndex(int index, int length, String what) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(what + " " + index + " outside 0.." + (length - 1));
            }
        }

        private static long payloadBytes(DType dtype, long elements) {
            switch (dtype) {
                case F32:
                    return 4 * elements;
                case Q8_0:
                    return elements;
                default:
                    return elements / 2;
            }
        }

        private static long scaleCount(DType dtype, int rows, int cols, int blockSize) {
            switch (dtype) {
                case F32:
                    return 0;
                case Q8_0:
                    return rows;
                default:
                    return (long) rows * (cols / blockSize);
            }
        }
    }

    /**
     * {@code t} if it is decoded; for a {@link Stored} tensor an IllegalArgumentException naming
     * {@code user}: for code that would otherwise decode the whole tensor on every call.
     */
    static TensorData requireDecoded(TensorData t, String user) {
        if (t instanceof Stored) {
            throw new IllegalArgumentException(user + " takes decoded tensors: a tensor left in its package bytes"
                    + " (TensorData.Stored) must be decoded first (Stored.decoded())");
        }
        return t;
    }

    /** {@code t} itself, or the decoded form of a {@link Stored} tensor (for code that needs the arrays). */
    static TensorData decodedForm(TensorData t) {
        return t instanceof Stored ? ((Stored) t).decoded() : t;
    }
}
