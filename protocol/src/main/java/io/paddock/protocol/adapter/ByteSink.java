package io.paddock.protocol.adapter;

/** Little-endian writes into a fixed-size array. */
final class ByteSink {
    private final byte[] bytes;
    private int pos;

    ByteSink(int size) {
        this.bytes = new byte[size];
    }

    int position() {
        return pos;
    }

    void u32(int v) {
        bytes[pos] = (byte) v;
        bytes[pos + 1] = (byte) (v >>> 8);
        bytes[pos + 2] = (byte) (v >>> 16);
        bytes[pos + 3] = (byte) (v >>> 24);
        pos += 4;
    }

    void u64(long v) {
        u32((int) v);
        u32((int) (v >>> 32));
    }

    void f32(float v) {
        u32(Float.floatToRawIntBits(v));
    }

    void f32s(float[] values) {
        for (float v : values) {
            f32(v);
        }
    }

    void bytes(byte[] b) {
        System.arraycopy(b, 0, bytes, pos, b.length);
        pos += b.length;
    }

    void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            bytes[pos++] = (byte) s.charAt(i);
        }
    }

    void u64At(int offset, long v) {
        int saved = pos;
        pos = offset;
        u64(v);
        pos = saved;
    }

    byte[] array() {
        return bytes;
    }
}
