package io.paddock.runtime.model;

import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;

/**
 * The bytes of one stored tensor as the runtime reads them: payload plus scales (4 bytes per
 * q8_0 row, 4 bytes per q4_0 block; none for f32). Enough to compute {@link CostModel}
 * without loading weights.
 */
public record TensorFootprint(long nameHash, int rows, long payloadBytes, long scaleBytes) {

    public TensorFootprint {
        if (rows <= 0 || payloadBytes < 0 || scaleBytes < 0) {
            throw new IllegalArgumentException("tensor footprint needs rows > 0 and bytes >= 0, was rows " + rows
                    + ", payload " + payloadBytes + ", scales " + scaleBytes);
        }
    }

    public long totalBytes() {
        return Math.addExact(payloadBytes, scaleBytes);
    }

    public static TensorFootprint of(Tensor tensor) {
        TensorData d = tensor.data();
        long scales;
        if (d instanceof TensorData.Q8 q8) {
            scales = 4L * q8.rowScales().length;
        } else if (d instanceof TensorData.Q4 q4) {
            scales = 4L * q4.blockScales().length;
        } else if (d instanceof TensorData.Stored s) {
            scales = s.scaleBytes();
        } else {
            scales = 0;
        }
        return new TensorFootprint(tensor.nameHash(), d.rows(), d.payloadBytes(), scales);
    }

    /** From directory fields only; {@code blockSize} is used by q4_0 (even, divides cols). */
    public static TensorFootprint of(String name, DType dtype, int rows, int cols, int blockSize) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("tensor '" + name + "' needs rows, cols > 0, was " + rows + "x" + cols);
        }
        long elements = (long) rows * cols;
        switch (dtype) {
            case F32:
                return new TensorFootprint(Fnv.nameHash(name), rows, 4 * elements, 0);
            case Q8_0:
                return new TensorFootprint(Fnv.nameHash(name), rows, elements, 4L * rows);
            case Q4_0:
                if (blockSize <= 0 || blockSize % 2 != 0 || cols % blockSize != 0 || cols % 2 != 0) {
                    throw new IllegalArgumentException("q4_0 tensor '" + name + "' needs an even block size dividing "
                            + cols + ", was " + blockSize);
                }
                return new TensorFootprint(Fnv.nameHash(name), rows, elements / 2, 4L * rows * (cols / blockSize));
            default:
                throw new IllegalArgumentException("unhandled dtype " + dtype);
        }
    }
}
