package io.paddock.protocol.io;

import java.util.Objects;

/** A {@link ByteSource} over a byte array. */
public final class ArraySource implements ByteSource {
    private final byte[] bytes;

    public ArraySource(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void read(long position, byte[] dst, int offset, int length) {
        if (position < 0 || length < 0 || position > bytes.length - (long) length) {
            throw new IndexOutOfBoundsException("read of " + length + " bytes at " + position
                    + " outside a source of " + bytes.length + " bytes");
        }
        System.arraycopy(bytes, (int) position, dst, offset, length);
    }

    @Override
    public byte getByte(long position) {
        return bytes[Math.toIntExact(position)];
    }

    @Override
    public int getIntLE(long position) {
        int at = Math.toIntExact(position);
        if (at < 0 || at > bytes.length - 4) {
            throw new IndexOutOfBoundsException("read of 4 bytes at " + position + " outside a source of "
                    + bytes.length + " bytes");
        }
        return LittleEndian.getInt(bytes, at);
    }
}
