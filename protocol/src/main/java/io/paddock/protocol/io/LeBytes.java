package io.paddock.protocol.io;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/**
 * A bounds-checked little-endian view of bytes that were read from absolute position
 * {@code base} of some input. Every read past the end throws a {@link FormatException} with
 * this view's error code, naming the absolute offset; nothing here allocates from a field.
 */
public final class LeBytes {
    private final byte[] bytes;
    private final long base;
    private final ErrorCode code;
    private final String what;

    private LeBytes(byte[] bytes, long base, ErrorCode code, String what) {
        this.bytes = bytes;
        this.base = base;
        this.code = code;
        this.what = what;
    }

    /**
     * @param bytes the bytes (not copied)
     * @param base  absolute offset of {@code bytes[0]} in the input, for error messages
     * @param code  error code of a truncation
     * @param what  what the bytes are, e.g. "BPE1 section"
     */
    public static LeBytes of(byte[] bytes, long base, ErrorCode code, String what) {
        return new LeBytes(bytes, base, code, what);
    }

    public int length() {
        return bytes.length;
    }

    /** Absolute offset of position {@code pos}. */
    public long absolute(int pos) {
        return base + pos;
    }

    /** Bytes left from {@code pos} to the end (0 if past it). */
    public int remaining(int pos) {
        return pos >= bytes.length ? 0 : bytes.length - pos;
    }

    /** A u32 as its raw 32 bits (use {@link #u32Unsigned} to compare). */
    public int u32(int pos) {
        require(pos, 4);
        return LittleEndian.getInt(bytes, pos);
    }

    public long u32Unsigned(int pos) {
        return u32(pos) & 0xFFFFFFFFL;
    }

    /** A u64 as its raw 64 bits (compare unsigned). */
    public long u64(int pos) {
        require(pos, 8);
        return LittleEndian.getLong(bytes, pos);
    }

    public float f32(int pos) {
        return Float.intBitsToFloat(u32(pos));
    }

    public byte u8(int pos) {
        require(pos, 1);
        return bytes[pos];
    }

    /** A copy of {@code length} bytes at {@code pos}; bounds are checked before allocating. */
    public byte[] slice(int pos, int length) {
        require(pos, length);
        byte[] out = new byte[length];
        System.arraycopy(bytes, pos, out, 0, length);
        return out;
    }

    /** Throws the truncation error unless {@code [pos, pos+length)} lies inside the view. */
    public void require(int pos, long length) {
        if (pos < 0 || length < 0 || pos > bytes.length || length > bytes.length - pos) {
            throw new FormatException(code, what + " is truncated: " + length + " bytes needed", base + pos,
                    (bytes.length - Math.min(Math.max(pos, 0), bytes.length)) + " bytes left");
        }
    }
}
