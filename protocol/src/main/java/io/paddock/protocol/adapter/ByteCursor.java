package io.paddock.protocol.adapter;

/**
 * Bounds-checked little-endian reads over an adapter's bytes. Every read first checks
 * that enough bytes remain, and a shortfall is an INVALID_ADAPTER error naming what was
 * being read and where.
 */
final class ByteCursor {
    private final byte[] bytes;
    private int pos;

    ByteCursor(byte[] bytes, int start) {
        this.bytes = bytes;
        this.pos = start;
    }

    int position() {
        return pos;
    }

    long remaining() {
        return bytes.length - pos;
    }

    /** Fails unless {@code count} more bytes exist; {@code count} may be any non-negative long. */
    void require(long count, String what) {
        if (count > remaining()) {
            throw AdapterRules.invalid("truncated: " + what + " needs " + count + " bytes", pos,
                    remaining() + " bytes remain");
        }
    }

    long u32(String what) {
        require(4, what);
        long v = (bytes[pos] & 0xFFL) | (bytes[pos + 1] & 0xFFL) << 8
                | (bytes[pos + 2] & 0xFFL) << 16 | (bytes[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    long u64(String what) {
        require(8, what);
        long lo = u32(what);
        long hi = u32(what);
        return lo | hi << 32;
    }

    /** A finite f32 (NON_FINITE_VALUE otherwise). */
    float finiteF32(String what) {
        int at = pos;
        float v = Float.intBitsToFloat((int) u32(what));
        AdapterRules.checkFinite(v, at, what);
        return v;
    }

    /** {@code n} finite f32 values; the caller has already checked {@code require(4n)}. */
    float[] finiteF32s(int n, String what) {
        require(4L * n, what);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = finiteF32(what);
        }
        return out;
    }

    byte[] bytes(int n, String what) {
        require(n, what);
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }
}
