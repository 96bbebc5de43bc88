package io.paddock.browser;

import io.paddock.protocol.io.ByteSource;

import java.nio.ByteBuffer;

/** A {@link ByteSource} over the first {@code size} bytes of a buffer (absolute reads; not copied). */
public final class BufferSource implements ByteSource {
    private final ByteBuffer buffer;
    private final int size;

    public BufferSource(ByteBuffer buffer, int size) {
        if (size < 0 || size > buffer.capacity()) {
            throw new IllegalArgumentException("size " + size + " outside a buffer of " + buffer.capacity() + " bytes");
        }
        this.buffer = buffer;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long position, byte[] dst, int offset, int length) {
        if (position < 0 || length < 0 || position > size - (long) length) {
            throw new IndexOutOfBoundsException("read of " + length + " bytes at " + position
                    + " outside a source of " + size + " bytes");
        }
        buffer.get((int) position, dst, offset, length);
    }

    @Override
    public byte getByte(long position) {
        check(position, 1);
        return buffer.get((int) position);
    }

    /** Assembled from four bytes, whatever the buffer's order. */
    @Override
    public int getIntLE(long position) {
        check(position, 4);
        int p = (int) position;
        return (buffer.get(p) & 0xFF) | (buffer.get(p + 1) & 0xFF) << 8 | (buffer.get(p + 2) & 0xFF) << 16
                | buffer.get(p + 3) << 24;
    }

    private void check(long position, int length) {
        if (position < 0 || position > size - (long) length) {
            throw new IndexOutOfBoundsException("read of " + length + " bytes at " + position
                    + " outside a source of " + size + " bytes");
        }
    }
}
