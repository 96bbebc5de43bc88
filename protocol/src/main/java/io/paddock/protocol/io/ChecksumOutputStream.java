package io.paddock.protocol.io;

import io.paddock.protocol.hash.FileChecksum;

import java.io.OutputStream;

/** An output stream that only feeds the C1 checksum (first pass of a two-pass writer). */
public final class ChecksumOutputStream extends OutputStream {
    private final FileChecksum checksum;
    private final byte[] one = new byte[1];
    private long count;

    /** @param fieldOffset offset of the 8-byte checksum field, mixed in as zeros */
    public ChecksumOutputStream(long fieldOffset) {
        this.checksum = new FileChecksum(fieldOffset);
    }

    @Override
    public void write(int b) {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        checksum.update(b, off, len);
        count += len;
    }

    /** Bytes seen so far. */
    public long count() {
        return count;
    }

    /** The C1 checksum of everything written. */
    public long value() {
        return checksum.value();
    }
}
