package io.paddock.protocol.io;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.FileChecksum;

/** Checked region reads and streaming checksums over a {@link ByteSource}. */
public final class ByteSources {
    /** The largest Java array this code allocates (a little below Integer.MAX_VALUE, as the JDK does). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Chunk size for streaming reads. */
    public static final int CHUNK = 1 << 16;

    private ByteSources() {
    }

    /**
     * True if {@code [offset, offset+length)}, both read as unsigned 64-bit values, lies inside
     * {@code [0, size)}. Never overflows.
     */
    public static boolean inside(long offset, long length, long size) {
        return Long.compareUnsigned(offset, size) <= 0 && Long.compareUnsigned(length, size - offset) <= 0;
    }

    /**
     * Reads a region into a new array after checking it lies inside the source and fits in one
     * Java array; the error names {@code what}, the offset and the bad length.
     */
    public static byte[] readRange(ByteSource source, long offset, long length, ErrorCode code, String what) {
        if (!inside(offset, length, source.size())) {
            throw new FormatException(code, what + " must lie inside the file (" + source.size() + " bytes)",
                    offset, "range " + Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length));
        }
        if (Long.compareUnsigned(length, MAX_ARRAY) > 0) {
            throw new FormatException(ErrorCode.INVALID_LENGTH, what + " must fit in one array (" + MAX_ARRAY
                    + " bytes)", offset, Long.toUnsignedString(length));
        }
        byte[] out = new byte[(int) length];
        source.read(offset, out, 0, out.length);
        return out;
    }

    /** The C1 checksum of the whole source, streamed in chunks; {@code fieldOffset} is zeroed. */
    public static long checksum(ByteSource source, long fieldOffset) {
        FileChecksum checksum = new FileChecksum(fieldOffset);
        long size = source.size();
        byte[] chunk = new byte[(int) Math.min(CHUNK, size)];
        for (long pos = 0; pos < size; ) {
            int n = (int) Math.min(chunk.length, size - pos);
            source.read(pos, chunk, 0, n);
            checksum.update(chunk, 0, n);
            pos += n;
        }
        return checksum.value();
    }
}
