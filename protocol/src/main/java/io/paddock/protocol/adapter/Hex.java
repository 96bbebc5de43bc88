package io.paddock.protocol.adapter;

/** Hex rendering for diagnostics: fixed-width lowercase. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code 0x} followed by 16 lowercase hex digits. */
    static String u64(long v) {
        char[] c = new char[18];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < 16; i++) {
            c[2 + i] = DIGITS[(int) (v >>> (60 - 4 * i)) & 0xF];
        }
        return new String(c);
    }

    /** {@code 0x} followed by 8 lowercase hex digits. */
    static String u32(int v) {
        return "0x" + u64(v & 0xFFFFFFFFL).substring(10);
    }

    /** Lowercase hex of every byte. */
    static String bytes(byte[] b) {
        char[] c = new char[2 * b.length];
        for (int i = 0; i < b.length; i++) {
            c[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
            c[2 * i + 1] = DIGITS[b[i] & 0xF];
        }
        return new String(c);
    }

    /** A float for a message: its value and raw bits. */
    static String f32(float v) {
        return v + " (bits " + u32(Float.floatToRawIntBits(v)) + ")";
    }
}
