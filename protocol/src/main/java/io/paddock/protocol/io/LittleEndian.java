package io.paddock.protocol.io;

/**
 * Unchecked little-endian encoding and decoding on byte arrays (for writers and inner loops
 * whose bounds are already established). For hostile input use {@link LeBytes}.
 */
public final class LittleEndian {
    private LittleEndian() {
    }

    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    public static long getLong(byte[] b, int off) {
        return (getInt(b, off) & 0xFFFFFFFFL) | ((long) getInt(b, off + 4)) << 32;
    }

    public static float getFloat(byte[] b, int off) {
        return Float.intBitsToFloat(getInt(b, off));
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) v);
        putInt(b, off + 4, (int) (v >>> 32));
    }

    public static void putFloat(byte[] b, int off, float v) {
        putInt(b, off, Float.floatToRawIntBits(v));
    }
}
