package io.paddock.protocol.slm;

/**
 * A tensor's values in their stored form (reference §5). Matrices are row-major,
 * {@code rows} = output features, {@code cols} = input features; 1-D tensors are one row.
 * Arrays are owned by the record and must not be mutated once shared.
 */
public sealed interface TensorData permits TensorData.F32, TensorData.Q8, TensorData.Q4 {

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
}
