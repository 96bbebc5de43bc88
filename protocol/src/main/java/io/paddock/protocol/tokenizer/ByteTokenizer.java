package io.paddock.protocol.tokenizer;

import java.io.ByteArrayOutputStream;

/** BTOK (reference §6.2, C5): one token per byte, vocabulary 260, 28-byte section. */
public final class ByteTokenizer implements Tokenizer {
    public static final int VOCAB_SIZE = 260;
    public static final int VERSION = 1;
    public static final int SECTION_LENGTH = 28;

    @Override
    public int vocabSize() {
        return VOCAB_SIZE;
    }

    @Override
    public int[] encode(byte[] utf8) {
        int[] ids = new int[utf8.length + 2];
        ids[0] = BOS;
        for (int i = 0; i < utf8.length; i++) {
            ids[i + 1] = utf8[i] & 0xFF;
        }
        ids[ids.length - 1] = EOS;
        return ids;
    }

    @Override
    public byte[] decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (id >= 0 && id < 256) {
                out.write(id);
            } else if (id == UNK || id >= VOCAB_SIZE || id < 0) {
                out.write('?');
            }
        }
        return out.toByteArray();
    }

    @Override
    public byte[] sectionBytes() {
        byte[] b = new byte[SECTION_LENGTH];
        b[0] = 'B';
        b[1] = 'T';
        b[2] = 'O';
        b[3] = 'K';
        putInt(b, 4, VERSION);
        putInt(b, 8, VOCAB_SIZE);
        putInt(b, 12, BOS);
        putInt(b, 16, EOS);
        putInt(b, 20, PAD);
        putInt(b, 24, UNK);
        return b;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteTokenizer;
    }

    @Override
    public int hashCode() {
        return VOCAB_SIZE;
    }

    @Override
    public String toString() {
        return "BTOK(vocab=260)";
    }
}
