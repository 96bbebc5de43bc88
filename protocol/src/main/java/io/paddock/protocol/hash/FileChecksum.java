package io.paddock.protocol.hash;

/**
 * C1: the rolling file checksum of .slm and adapter packages. Incremental over a byte
 * stream: the bytes of the checksum field itself ({@code [fieldOffset, fieldOffset+8)}) are
 * mixed in as zero. One named function, so it can be swapped if real artefacts disagree.
 */
public final class FileChecksum {
    private final long fieldOffset;
    private long h = Fnv.BASIS;
    private long index;

    public FileChecksum(long fieldOffset) {
        this.fieldOffset = fieldOffset;
    }

    public void update(byte[] bytes, int offset, int length) {
        long hh = h;
        long i = index;
        for (int k = offset; k < offset + length; k++, i++) {
            long b = (i >= fieldOffset && i < fieldOffset + 8) ? 0 : (bytes[k] & 0xFF);
            hh = Long.rotateLeft(hh ^ (b ^ (i << 8)), 23) * Fnv.PRIME;
        }
        h = hh;
        index = i;
    }

    /** The checksum; a computed 0 becomes 1 (a stored 0 is invalid). */
    public long value() {
        return h == 0 ? 1 : h;
    }

    public static long of(byte[] bytes, long fieldOffset) {
        FileChecksum c = new FileChecksum(fieldOffset);
        c.update(bytes, 0, bytes.length);
        return c.value();
    }
}
