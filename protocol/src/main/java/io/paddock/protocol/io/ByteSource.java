package io.paddock.protocol.io;

/**
 * Random-access, read-only bytes: a package held in memory or a file read by position.
 * Parsers read the header and directory first and then one region at a time, so a
 * multi-gigabyte file is never copied into one array.
 */
public interface ByteSource {

    /** Total number of bytes. */
    long size();

    /**
     * Copies {@code length} bytes starting at {@code position} into {@code dst[offset..]}.
     * The caller has checked the range against {@link #size()}; a range outside it is a
     * programming error ({@link IndexOutOfBoundsException}).
     */
    void read(long position, byte[] dst, int offset, int length);

    /** The byte at {@code position} (in range, as for {@link #read}). Sources override this to avoid a copy. */
    default byte getByte(long position) {
        byte[] one = new byte[1];
        read(position, one, 0, 1);
        return one[0];
    }

    /** The little-endian 32-bit word at {@code position} (in range, as for {@link #read}). */
    default int getIntLE(long position) {
        byte[] four = new byte[4];
        read(position, four, 0, 4);
        return LittleEndian.getInt(four, 0);
    }

    /** A source over an array (not copied: do not mutate it while the source is in use). */
    static ByteSource of(byte[] bytes) {
        return new ArraySource(bytes);
    }
}
