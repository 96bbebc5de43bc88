package io.paddock.protocol.slm;

/**
 * What the layout planner needs to know of a tensor: identity, dims, dtype and (q4_0) block size.
 *
 * @param blockSize the q4_0 block size; ignored for f32 (0) and q8_0 (cols)
 */
public record TensorSpec(long nameHash, int[] dims, DType dtype, int blockSize) {

    /** The spec of a tensor with data. */
    public static TensorSpec of(Tensor t) {
        TensorData d = t.data();
        int bs = d instanceof TensorData.Q4 ? ((TensorData.Q4) d).blockSize()
                : d instanceof TensorData.Stored && d.dtype() == DType.Q4_0 ? ((TensorData.Stored) d).blockSize() : 0;
        return new TensorSpec(t.nameHash(), t.dims(), d.dtype(), bs);
    }

    /** The spec of a required tensor stored as {@code dtype} ({@code q4Block} used for q4_0 only). */
    public static TensorSpec of(TensorShape s, DType dtype, int q4Block) {
        return new TensorSpec(s.nameHash(), s.dims(), dtype, q4Block);
    }

    public int cols() {
        return dims[dims.length - 1];
    }

    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long rows() {
        return elementCount() / cols();
    }

    /** The directory's block_size field: 0 (f32), cols (q8_0), the block size (q4_0). */
    public int blockSizeField() {
        switch (dtype) {
            case F32:
                return 0;
            case Q8_0:
                return cols();
            default:
                return blockSize;
        }
    }

    /** Payload bytes: 4n (f32), n (q8_0), n/2 (q4_0). */
    public long payloadLength() {
        switch (dtype) {
            case F32:
                return 4 * elementCount();
            case Q8_0:
                return elementCount();
            default:
                return elementCount() / 2;
        }
    }

    /** Scale bytes: 0 (f32), 4 per row (q8_0), 4 per block (q4_0). */
    public long scaleLength() {
        switch (dtype) {
            case F32:
                return 0;
            case Q8_0:
                return 4 * rows();
            default:
                return 4 * (elementCount() / blockSize);
        }
    }
}
