package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.io.ByteSources;
import io.paddock.protocol.io.LittleEndian;

/**
 * Stage 6 of the load order: checks one entry's dtype-specific layout (q8_0 block_size = cols,
 * q4_0 block size even and dividing cols, exact byte_length, scale array inside the data area)
 * and decodes it into {@link TensorData}, rejecting non-finite values and non-positive scales; or
 * ({@link #inPlace}) makes exactly the same checks and leaves the tensor in its bytes.
 * Arrays are sized only after the ranges they come from were checked against the file.
 */
public final class TensorDecoder {
    private TensorDecoder() {
    }

    /**
     * @param source     the package
     * @param e          an entry that passed {@link TensorDirectory} and the shape check (rank 1 or 2)
     * @param dataOffset the header's {@code tensor_data_offset}
     */
    public static TensorData decode(ByteSource source, DirectoryEntry e, long dataOffset) {
        return materialize(checkLayout(source, e, dataOffset));
    }

    /**
     * The same checks as {@link #decode}, in the same order and with the same errors, by scanning
     * the stored values in chunks instead of copying them: the tensor is left in {@code source}.
     */
    public static TensorData.Stored inPlace(ByteSource source, DirectoryEntry e, long dataOffset) {
        TensorData.Stored s = checkLayout(source, e, dataOffset);
        switch (s.dtype()) {
            case F32:
                floats(source, e.byteOffset(), s.rows() * s.cols(), false, "f32 value", false);
                break;
            case Q8_0:
                floats(source, e.scaleOffset(), s.rows(), true, "q8_0 row scale", false);
                break;
            default:
                floats(source, e.scaleOffset(), scaleCount(s), true, "q4_0 block scale", false);
        }
        return s;
    }

    /**
     * The arrays of a tensor whose layout was checked ({@link #decode}, or {@link TensorData.Stored#decoded()}
     * after {@link #inPlace}): its values are checked while read, never trusted.
     */
    static TensorData materialize(TensorData.Stored s) {
        int rows = s.rows();
        int cols = s.cols();
        int elements = rows * cols;
        ByteSource source = s.bytes();
        switch (s.dtype()) {
            case F32:
                return new TensorData.F32(rows, cols, floats(source, s.payloadOffset(), elements, false, "f32 value", true));
            case Q8_0:
                return new TensorData.Q8(rows, cols, read(source, s.payloadOffset(), elements),
                        floats(source, s.scaleOffset(), rows, true, "q8_0 row scale", true));
            default:
                return new TensorData.Q4(rows, cols, s.blockSize(), read(source, s.payloadOffset(), elements / 2),
                        floats(source, s.scaleOffset(), scaleCount(s), true, "q4_0 block scale", true));
        }
    }

    /**
     * The dtype-specific directory checks (sizes, block size, byte_length, the scale range); on
     * success the entry's tensor as it lies in {@code source}, its values not yet checked.
     */
    private static TensorData.Stored checkLayout(ByteSource source, DirectoryEntry e, long dataOffset) {
        long elements = e.elementCount();
        if (elements > ByteSources.MAX_ARRAY) {
            throw new FormatException(ErrorCode.INVALID_LENGTH, "a tensor must fit in one Java array ("
                    + ByteSources.MAX_ARRAY + " elements)", e.fieldOffset(SlmFormat.ENTRY_DIMS), elements);
        }
        int rows = (int) e.rows();
        int cols = e.cols();
        switch (e.dtype()) {
            case F32:
                requireLength(e, 4 * elements, "4 × elements");
                return new TensorData.Stored(rows, cols, DType.F32, 0, source, e.byteOffset(), 0);
            case Q8_0: {
                if (e.blockSize() != cols) {
                    fail(ErrorCode.INVALID_TENSOR_DIRECTORY, "q8_0 block_size must equal the column count (" + cols + ")",
                            e.fieldOffset(SlmFormat.ENTRY_BLOCK_SIZE), Integer.toUnsignedString(e.blockSize()));
                }
                requireLength(e, elements, "rows × cols");
                requireScales(source, e, dataOffset, rows);
                return new TensorData.Stored(rows, cols, DType.Q8_0, cols, source, e.byteOffset(), e.scaleOffset());
            }
            case Q4_0: {
                int bs = e.blockSize();
                if (bs <= 0 || bs % 2 != 0 || cols % bs != 0) {
                    fail(ErrorCode.INVALID_TENSOR_DIRECTORY, "q4_0 block_size must be even and divide the column count ("
                            + cols + ")", e.fieldOffset(SlmFormat.ENTRY_BLOCK_SIZE), Integer.toUnsignedString(bs));
                }
                requireLength(e, elements / 2, "rows × cols / 2");
                requireScales(source, e, dataOffset, rows * (cols / bs));
                return new TensorData.Stored(rows, cols, DType.Q4_0, bs, source, e.byteOffset(), e.scaleOffset());
            }
            default:
                throw new IllegalStateException(e.dtype().toString());
        }
    }

    private static int scaleCount(TensorData.Stored s) {
        return s.rows() * (s.cols() / s.blockSize());
    }

    private static void requireLength(DirectoryEntry e, long expected, String formula) {
        if (e.byteLength() != expected) {
            fail(ErrorCode.INVALID_TENSOR_DIRECTORY, e.dtype().label() + " byte_length must be " + formula + " = " + expected,
                    e.fieldOffset(SlmFormat.ENTRY_BYTE_LENGTH), Long.toUnsignedString(e.byteLength()));
        }
    }

    private static void requireScales(ByteSource source, DirectoryEntry e, long dataOffset, long count) {
        long length = 4 * count;
        if (Long.compareUnsigned(e.scaleOffset(), dataOffset) < 0 || !ByteSources.inside(e.scaleOffset(), length, source.size())) {
            fail(ErrorCode.INVALID_TENSOR_DIRECTORY, "the " + count + " scales (" + length
                            + " bytes) at scale_offset must lie inside the data area [" + dataOffset + ", " + source.size() + ")",
                    e.fieldOffset(SlmFormat.ENTRY_SCALE_OFFSET), Long.toUnsignedString(e.scaleOffset()));
        }
    }

    private static byte[] read(ByteSource source, long offset, int length) {
        byte[] out = new byte[length];
        source.read(offset, out, 0, length);
        return out;
    }

    /**
     * Reads {@code count} little-endian floats in chunks; each must be finite (and > 0 for scales).
     * With {@code keep} false only checks them and returns null (no array of {@code count}).
     */
    private static float[] floats(ByteSource source, long offset, int count, boolean positive, String what,
                                  boolean keep) {
        float[] out = keep ? new float[count] : null;
        byte[] chunk = new byte[(int) Math.min(ByteSources.CHUNK, 4L * count)];
        int done = 0;
        while (done < count) {
            int n = Math.min(chunk.length / 4, count - done);
            long at = offset + 4L * done;
            source.read(at, chunk, 0, 4 * n);
            for (int i = 0; i < n; i++) {
                float v = LittleEndian.getFloat(chunk, 4 * i);
                if (!Float.isFinite(v) || (positive && !(v > 0))) {
                    fail(ErrorCode.NON_FINITE_VALUE, what + " must be finite" + (positive ? " and > 0" : ""),
                            at + 4L * i, v);
                }
                if (keep) {
                    out[done + i] = v;
                }
            }
            done += n;
        }
        return out;
    }

    private static void fail(ErrorCode code, String rule, long offset, Object value) {
        throw new FormatException(code, rule, offset, value);
    }
}
