package io.paddock.protocol.slm;

import io.paddock.protocol.io.LittleEndian;

/**
 * One 64-byte tensor directory entry (reference §4) after its structural checks.
 *
 * @param entryOffset absolute file offset of the entry (for error messages; -1 when planned)
 * @param nameHash    C2 FNV-1a 64 of the canonical name
 * @param dtype       storage type
 * @param dims        the {@code rank} dimensions (unused dims are 0 on disk and not kept)
 * @param byteOffset  absolute payload offset
 * @param byteLength  payload length (values only, without scales)
 * @param scaleOffset absolute offset of the f32 scale array, 0 for f32
 * @param blockSize   0 for f32, cols for q8_0, the q4_0 block size
 */
public record DirectoryEntry(long entryOffset, long nameHash, DType dtype, int[] dims, long byteOffset,
                             long byteLength, long scaleOffset, int blockSize) {

    public int rank() {
        return dims.length;
    }

    /** Columns: the last dimension. */
    public int cols() {
        return dims[dims.length - 1];
    }

    /** Rows: the product of all dimensions but the last (1 for vectors), saturating at Long.MAX_VALUE. */
    public long rows() {
        return product(dims.length - 1);
    }

    /** Element count, saturating at Long.MAX_VALUE (dims are positive). */
    public long elementCount() {
        return product(dims.length);
    }

    private long product(int count) {
        long n = 1;
        for (int d = 0; d < count; d++) {
            if (n > Long.MAX_VALUE / dims[d]) {
                return Long.MAX_VALUE;
            }
            n *= dims[d];
        }
        return n;
    }

    /** Writes the 64 bytes of this entry at {@code dst[off..]}; unused dims and the reserved word are 0. */
    public void encode(byte[] dst, int off) {
        LittleEndian.putLong(dst, off + SlmFormat.ENTRY_NAME_HASH, nameHash);
        LittleEndian.putInt(dst, off + SlmFormat.ENTRY_DTYPE, dtype.code());
        LittleEndian.putInt(dst, off + SlmFormat.ENTRY_RANK, dims.length);
        for (int d = 0; d < 4; d++) {
            LittleEndian.putInt(dst, off + SlmFormat.ENTRY_DIMS + 4 * d, d < dims.length ? dims[d] : 0);
        }
        LittleEndian.putLong(dst, off + SlmFormat.ENTRY_BYTE_OFFSET, byteOffset);
        LittleEndian.putLong(dst, off + SlmFormat.ENTRY_BYTE_LENGTH, byteLength);
        LittleEndian.putLong(dst, off + SlmFormat.ENTRY_SCALE_OFFSET, scaleOffset);
        LittleEndian.putInt(dst, off + SlmFormat.ENTRY_BLOCK_SIZE, blockSize);
        LittleEndian.putInt(dst, off + SlmFormat.ENTRY_RESERVED, 0);
    }

    /** Absolute offset of a field of this entry. */
    public long fieldOffset(int relative) {
        return entryOffset < 0 ? -1 : entryOffset + relative;
    }
}
