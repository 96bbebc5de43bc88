package io.paddock.protocol.slm;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.tokenizer.BpeTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A seeded BPE1 tokenizer: {@code vocab - 260} merges of English-looking pairs (letters by
 * frequency, space, and earlier merged tokens), merge {@code i} producing id {@code 260 + i} with
 * rank {@code i}. Each token's bytes are its left bytes followed by its right bytes, every pair is
 * used once, so the section is valid BPE1 and decoding inverts encoding.
 */
public final class RandomBpe {
    private static final byte[] ALPHABET = " etaoinshrdlcumwfgypbvkjxqz".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int ATTEMPTS = 64;

    private RandomBpe() {
    }

    public static BpeTokenizer generate(int vocabSize, XorShift64 rng) {
        int count = vocabSize - Tokenizer.FIRST_MERGED;
        List<byte[]> tokens = new ArrayList<>(count);
        List<BpeTokenizer.Merge> merges = new ArrayList<>(count);
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int left = -1;
            int right = -1;
            for (int attempt = 0; attempt < ATTEMPTS && left < 0; attempt++) {
                int a = pick(rng, i);
                int b = pick(rng, i);
                if (!used.contains(key(a, b))) {
                    left = a;
                    right = b;
                }
            }
            if (left < 0) {               // the newest token has not been merged with anything yet
                left = Tokenizer.FIRST_MERGED + i - 1;
                right = ' ';
            }
            used.add(key(left, right));
            byte[] l = bytes(tokens, left);
            byte[] r = bytes(tokens, right);
            byte[] t = new byte[l.length + r.length];
            System.arraycopy(l, 0, t, 0, l.length);
            System.arraycopy(r, 0, t, l.length, r.length);
            tokens.add(t);
            merges.add(new BpeTokenizer.Merge(left, right, Tokenizer.FIRST_MERGED + i, i));
        }
        return new BpeTokenizer(vocabSize, tokens, merges);
    }

    /** A letter or space (frequent ones likelier), or, half the time once there are some, an earlier merged token. */
    private static int pick(XorShift64 rng, int merged) {
        if (merged > 0 && rng.nextInt(2) == 0) {
            return Tokenizer.FIRST_MERGED + Math.min(rng.nextInt(merged), rng.nextInt(merged));
        }
        return ALPHABET[Math.min(rng.nextInt(ALPHABET.length), rng.nextInt(ALPHABET.length))];
    }

    private static byte[] bytes(List<byte[]> tokens, int id) {
        return id < 256 ? new byte[] {(byte) id} : tokens.get(id - Tokenizer.FIRST_MERGED);
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | b;
    }
}
