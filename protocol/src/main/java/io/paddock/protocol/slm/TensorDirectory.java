package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ByteSources;
import io.paddock.protocol.io.LeBytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2 of the load order (reference §11.5): decodes the directory entries and checks each
 * one's structure and byte ranges against the file. Exact lengths per dtype are checked later,
 * when the tensor is decoded ({@link TensorDecoder}).
 */
public final class TensorDirectory {
    private TensorDirectory() {
    }

    /**
     * @param bytes      the {@code tensor_count × 64} directory bytes
     * @param dirOffset  their absolute offset
     * @param dataOffset the header's {@code tensor_data_offset}
     * @param fileSize   the file's size
     */
    public static List<DirectoryEntry> parse(byte[] bytes, long dirOffset, long dataOffset, long fileSize) {
        LeBytes in = LeBytes.of(bytes, dirOffset, ErrorCode.INVALID_TENSOR_DIRECTORY, "tensor directory");
        int count = bytes.length / SlmFormat.DIRECTORY_ENTRY_LENGTH;
        List<DirectoryEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(entry(in, i * SlmFormat.DIRECTORY_ENTRY_LENGTH, dataOffset, fileSize));
        }
        return entries;
    }

    private static DirectoryEntry entry(LeBytes in, int p, long dataOffset, long fileSize) {
        long at = in.absolute(p);
        long nameHash = in.u64(p + SlmFormat.ENTRY_NAME_HASH);
        DType dtype = DType.fromCode(in.u32(p + SlmFormat.ENTRY_DTYPE), at + SlmFormat.ENTRY_DTYPE);
        long rank = in.u32Unsigned(p + SlmFormat.ENTRY_RANK);
        if (rank < 1 || rank > 4) {
            fail("rank must be 1..4", at + SlmFormat.ENTRY_RANK, rank);
        }
        int[] dims = new int[(int) rank];
        for (int d = 0; d < 4; d++) {
            int dim = in.u32(p + SlmFormat.ENTRY_DIMS + 4 * d);
            long where = at + SlmFormat.ENTRY_DIMS + 4L * d;
            if (d < rank) {
                if (dim <= 0) {
                    fail("dim" + d + " must be nonzero and at most 2^31-1", where, Integer.toUnsignedString(dim));
                }
                dims[d] = dim;
            } else if (dim != 0) {
                fail("dim" + d + " beyond rank " + rank + " must be 0", where, Integer.toUnsignedString(dim));
            }
        }
        long byteOffset = in.u64(p + SlmFormat.ENTRY_BYTE_OFFSET);
        long byteLength = in.u64(p + SlmFormat.ENTRY_BYTE_LENGTH);
        long scaleOffset = in.u64(p + SlmFormat.ENTRY_SCALE_OFFSET);
        int blockSize = in.u32(p + SlmFormat.ENTRY_BLOCK_SIZE);
        int reserved = in.u32(p + SlmFormat.ENTRY_RESERVED);
        if (reserved != 0) {
            fail("reserved word must be 0", at + SlmFormat.ENTRY_RESERVED, Integer.toUnsignedString(reserved));
        }
        if (byteOffset % SlmFormat.ALIGNMENT != 0) {
            fail("byte_offset must be a multiple of 64", at + SlmFormat.ENTRY_BYTE_OFFSET,
                    Long.toUnsignedString(byteOffset));
        }
        if (Long.compareUnsigned(byteOffset, dataOffset) < 0) {
            fail("byte_offset must not precede tensor_data_offset (" + dataOffset + ")",
                    at + SlmFormat.ENTRY_BYTE_OFFSET, Long.toUnsignedString(byteOffset));
        }
        if (!ByteSources.inside(byteOffset, byteLength, fileSize)) {
            fail("payload byte_offset + byte_length must lie inside the file (" + fileSize + " bytes)",
                    at + SlmFormat.ENTRY_BYTE_LENGTH,
                    Long.toUnsignedString(byteOffset) + "+" + Long.toUnsignedString(byteLength));
        }
        if (dtype == DType.F32) {
            if (scaleOffset != 0) {
                fail("f32 tensors have scale_offset 0", at + SlmFormat.ENTRY_SCALE_OFFSET,
                        Long.toUnsignedString(scaleOffset));
            }
            if (blockSize != 0) {
                fail("f32 tensors have block_size 0", at + SlmFormat.ENTRY_BLOCK_SIZE,
                        Integer.toUnsignedString(blockSize));
            }
        } else if (Long.compareUnsigned(scaleOffset, dataOffset) < 0 || Long.compareUnsigned(scaleOffset, fileSize) >= 0) {
            fail("scale_offset of a quantized tensor must lie in the data area [" + dataOffset + ", " + fileSize + ")",
                    at + SlmFormat.ENTRY_SCALE_OFFSET, Long.toUnsignedString(scaleOffset));
        }
        return new DirectoryEntry(at, nameHash, dtype, dims, byteOffset, byteLength, scaleOffset, blockSize);
    }

    private static void fail(String rule, long offset, Object value) {
        throw new FormatException(ErrorCode.INVALID_TENSOR_DIRECTORY, rule, offset, value);
    }
}
