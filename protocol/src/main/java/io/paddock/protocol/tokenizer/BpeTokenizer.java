package io.paddock.protocol.tokenizer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BPE1 (reference §6.3, C5): byte-fallback ids, then merges applied lowest rank first,
 * leftmost occurrence first, rescanning until no adjacent pair merges. The constructor
 * takes already validated parts; {@code TokenizerSections} validates a section's bytes.
 */
public final class BpeTokenizer implements Tokenizer {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 36;

    /** One merge rule: {@code left + right → output} with a unique {@code rank}. */
    public record Merge(int left, int right, int output, int rank) {
    }

    private final int vocabSize;
    private final byte[][] tokenBytes;      // index = id; ids < 256 are single bytes; specials null
    private final List<Merge> merges;       // as stored (section order)
    private final Map<Long, Merge> byPair;  // (left << 32 | right) -> merge

    /**
     * @param vocabSize   total vocabulary, ≥ 260
     * @param addedTokens bytes of tokens 260, 261, … in id order
     * @param merges      merge rules in section order
     */
    public BpeTokenizer(int vocabSize, List<byte[]> addedTokens, List<Merge> merges) {
        if (vocabSize != FIRST_MERGED + addedTokens.size()) {
            throw new IllegalArgumentException("vocab " + vocabSize + " != 260 + " + addedTokens.size() + " added tokens");
        }
        this.vocabSize = vocabSize;
        this.tokenBytes = new byte[vocabSize][];
        for (int i = 0; i < 256; i++) {
            tokenBytes[i] = new byte[] {(byte) i};
        }
        for (int i = 0; i < addedTokens.size(); i++) {
            tokenBytes[FIRST_MERGED + i] = addedTokens.get(i).clone();
        }
        this.merges = List.copyOf(merges);
        this.byPair = new HashMap<>();
        for (Merge m : merges) {
            byPair.put(pairKey(m.left(), m.right()), m);
        }
    }

    private static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    public List<Merge> merges() {
        return merges;
    }

    /** The bytes of an added token (id ≥ 260). */
    public byte[] tokenBytes(int id) {
        return tokenBytes[id].clone();
    }

    @Override
    public int[] encode(byte[] utf8) {
        List<Integer> seq = new ArrayList<>(utf8.length);
        for (byte b : utf8) {
            seq.add(b & 0xFF);
        }
        while (seq.size() > 1) {
            int bestPos = -1;
            Merge best = null;
            for (int i = 0; i + 1 < seq.size(); i++) {
                Merge m = byPair.get(pairKey(seq.get(i), seq.get(i + 1)));
                if (m != null && (best == null || Integer.compareUnsigned(m.rank(), best.rank()) < 0)) {
                    best = m;
                    bestPos = i;
                }
            }
            if (best == null) {
                break;
            }
            seq.set(bestPos, best.output());
            seq.remove(bestPos + 1);
        }
        int[] ids = new int[seq.size() + 2];
        ids[0] = BOS;
        for (int i = 0; i < seq.size(); i++) {
            ids[i + 1] = seq.get(i);
        }
        ids[ids.length - 1] = EOS;
        return ids;
    }

    @Override
    public byte[] decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 2);
        for (int id : ids) {
            if (id == BOS || id == EOS || id == PAD) {
                continue;
            }
            if (id < 0 || id >= vocabSize || id == UNK) {
                out.write('?');
            } else {
                out.write(tokenBytes[id], 0, tokenBytes[id].length);
            }
        }
        return out.toByteArray();
    }

    @Override
    public byte[] sectionBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = 'B';
        header[1] = 'P';
        header[2] = 'E';
        header[3] = '1';
        ByteTokenizer.putInt(header, 4, VERSION);
        ByteTokenizer.putInt(header, 8, vocabSize);
        ByteTokenizer.putInt(header, 12, BOS);
        ByteTokenizer.putInt(header, 16, EOS);
        ByteTokenizer.putInt(header, 20, PAD);
        ByteTokenizer.putInt(header, 24, UNK);
        ByteTokenizer.putInt(header, 28, vocabSize - FIRST_MERGED);
        ByteTokenizer.putInt(header, 32, merges.size());
        out.write(header, 0, header.length);
        byte[] w = new byte[4];
        for (int id = FIRST_MERGED; id < vocabSize; id++) {
            ByteTokenizer.putInt(w, 0, id);
            out.write(w, 0, w.length);
            ByteTokenizer.putInt(w, 0, tokenBytes[id].length);
            out.write(w, 0, w.length);
            out.write(tokenBytes[id], 0, tokenBytes[id].length);
        }
        for (Merge m : merges) {
            for (int v : new int[] {m.left(), m.right(), m.output(), m.rank()}) {
                ByteTokenizer.putInt(w, 0, v);
                out.write(w, 0, w.length);
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "BPE1(vocab=" + vocabSize + ", merges=" + merges.size() + ")";
    }
}
