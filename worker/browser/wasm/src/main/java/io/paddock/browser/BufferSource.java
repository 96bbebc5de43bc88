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
}
