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
        if (position < 0 || position >= bytes.length) {
            throw new IndexOutOfBoundsException("read of 1 byte at " + position + " outside a source of "
                    + bytes.length + " bytes");
        }
        return bytes[(int) position];
    }

    @Override
    public int getIntLE(long position) {
        if (position < 0 || position > bytes.length - 4L) {
            throw new IndexOutOfBoundsException("read of 4 bytes at " + position + " outside a source of "
                    + bytes.length + " bytes");
        }
        return LittleEndian.getInt(bytes, (int) position);
    }
}
