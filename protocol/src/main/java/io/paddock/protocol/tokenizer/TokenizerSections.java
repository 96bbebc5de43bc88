package io.paddock.protocol.tokenizer;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.LeBytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses and validates BTOK and BPE1 tokenizer sections (reference §6, C5). Every failure is
 * an {@code InvalidTokenizer} {@link FormatException} naming the rule, the absolute offset and
 * the bad value. Writing is {@link Tokenizer#sectionBytes()}.
 */
public final class TokenizerSections {
    private static final int TOKEN_RECORD_MIN = 9;   // u32 id, u32 length, ≥ 1 byte
    private static final int MERGE_RECORD = 16;

    private TokenizerSections() {
    }

    /** Parses a section on its own (no agreement with an SLM header is checked). */
    public static Tokenizer parse(byte[] section) {
        return parse(section, 0, -1);
    }

    /**
     * Parses the section stored at {@code sectionOffset} of a package whose header declares
     * {@code headerVocabSize} (pass -1 to skip that agreement check).
     */
    public static Tokenizer parse(byte[] section, long sectionOffset, int headerVocabSize) {
        LeBytes in = LeBytes.of(section, sectionOffset, ErrorCode.INVALID_TOKENIZER, "tokenizer section");
        in.require(0, 4);
        if (magic(section, 'B', 'T', 'O', 'K')) {
            return parseBtok(in, headerVocabSize);
        }
        if (magic(section, 'B', 'P', 'E', '1')) {
            return parseBpe(in, headerVocabSize);
        }
        throw fail("tokenizer magic must be BTOK or BPE1", in.absolute(0), printable(section));
    }

    private static ByteTokenizer parseBtok(LeBytes in, int headerVocab) {
        in.require(0, ByteTokenizer.SECTION_LENGTH);
        if (in.length() != ByteTokenizer.SECTION_LENGTH) {
            throw fail("BTOK section is exactly 28 bytes: no trailing bytes", in.absolute(ByteTokenizer.SECTION_LENGTH),
                    in.length() + " bytes");
        }
        version(in, ByteTokenizer.VERSION);
        long vocab = in.u32Unsigned(8);
        if (vocab != ByteTokenizer.VOCAB_SIZE) {
            throw fail("BTOK vocab_size must be 260", in.absolute(8), vocab);
        }
        agree(in, vocab, headerVocab);
        specials(in);
        return new ByteTokenizer();
    }

    private static BpeTokenizer parseBpe(LeBytes in, int headerVocab) {
        in.require(0, BpeTokenizer.HEADER_LENGTH);
        version(in, BpeTokenizer.VERSION);
        long vocab = in.u32Unsigned(8);
        if (vocab < Tokenizer.FIRST_MERGED || vocab > Integer.MAX_VALUE) {
            throw fail("BPE1 vocab_size must be at least 260 and at most 2^31-1", in.absolute(8), vocab);
        }
        agree(in, vocab, headerVocab);
        specials(in);
        long tokenCount = in.u32Unsigned(28);
        if (tokenCount != vocab - Tokenizer.FIRST_MERGED) {
            throw fail("token_count must equal vocab_size - 260 (one record per id from 260)", in.absolute(28), tokenCount);
        }
        long mergeCount = in.u32Unsigned(32);
        int pos = BpeTokenizer.HEADER_LENGTH;
        List<byte[]> tokens = new ArrayList<>((int) Math.min(tokenCount, in.remaining(pos) / TOKEN_RECORD_MIN));
        for (int i = 0; i < tokenCount; i++) {
            long expectedId = Tokenizer.FIRST_MERGED + (long) i;
            long id = in.u32Unsigned(pos);
            if (i > 0 && id == expectedId - 1) {
                throw fail("duplicate token id", in.absolute(pos), id);
            }
            if (id < Tokenizer.FIRST_MERGED || id >= vocab) {
                throw fail("token id out of range [260, " + vocab + ")", in.absolute(pos), id);
            }
            if (id != expectedId) {
                throw fail("token ids must ascend from 260 without gaps (expected " + expectedId + ")", in.absolute(pos), id);
            }
            long length = in.u32Unsigned(pos + 4);
            if (length == 0) {
                throw fail("token byte string must not be empty", in.absolute(pos + 4), length);
            }
            if (length > in.remaining(pos + 8)) {
                throw fail("token byte_length must fit in the section (" + in.remaining(pos + 8) + " bytes left)",
                        in.absolute(pos + 4), length);
            }
            tokens.add(in.slice(pos + 8, (int) length));
            pos += 8 + (int) length;
        }
        int left = in.remaining(pos);
        if (mergeCount * MERGE_RECORD > left) {
            throw fail("merge_count × 16 must fit in the section (" + left + " bytes left)", in.absolute(32), mergeCount);
        }
        int end = pos + (int) mergeCount * MERGE_RECORD;
        if (end != in.length()) {
            throw fail("no trailing bytes after the last merge record", in.absolute(end), (in.length() - end) + " bytes");
        }
        List<BpeTokenizer.Merge> merges = new ArrayList<>((int) mergeCount);
        for (int i = 0; i < mergeCount; i++) {
            merges.add(merge(in, pos + i * MERGE_RECORD, vocab));
        }
        unique(in, merges, pos);
        return new BpeTokenizer((int) vocab, tokens, merges);
    }

    private static BpeTokenizer.Merge merge(LeBytes in, int p, long vocab) {
        long left = in.u32Unsigned(p);
        long right = in.u32Unsigned(p + 4);
        long output = in.u32Unsigned(p + 8);
        if (left >= vocab) {
            throw fail("merge left id out of range [0, " + vocab + ")", in.absolute(p), left);
        }
        if (right >= vocab) {
            throw fail("merge right id out of range [0, " + vocab + ")", in.absolute(p + 4), right);
        }
        if (output < Tokenizer.FIRST_MERGED || output >= vocab) {
            throw fail("merge output must be an id with a token record [260, " + vocab + ")", in.absolute(p + 8), output);
        }
        return new BpeTokenizer.Merge((int) left, (int) right, (int) output, in.u32(p + 12));
    }

    /** Ranks are unique, and so are (left, right) pairs (a pair with two rules would be ambiguous). */
    private static void unique(LeBytes in, List<BpeTokenizer.Merge> merges, int first) {
        long[] ranks = new long[merges.size()];
        long[] pairs = new long[merges.size()];
        for (int i = 0; i < ranks.length; i++) {
            BpeTokenizer.Merge m = merges.get(i);
            ranks[i] = m.rank() & 0xFFFFFFFFL;
            pairs[i] = ((long) m.left() << 32) | m.right();
        }
        long dupRank = duplicate(ranks);
        if (dupRank >= 0) {
            int at = second(ranks, dupRank);
            throw fail("merge ranks must be unique", in.absolute(first + at * MERGE_RECORD + 12), dupRank);
        }
        long dupPair = duplicate(pairs);
        if (dupPair >= 0) {
            int at = second(pairs, dupPair);
            throw fail("each (left, right) pair has at most one merge", in.absolute(first + at * MERGE_RECORD),
                    (dupPair >>> 32) + "+" + (dupPair & 0xFFFFFFFFL));
        }
    }

    /** A value occurring twice (values are ≥ 0), or -1. Sorts a copy. */
    private static long duplicate(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return sorted[i];
            }
        }
        return -1;
    }

    /** Index of the second occurrence of {@code value}. */
    private static int second(long[] values, long value) {
        boolean seen = false;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                if (seen) {
                    return i;
                }
                seen = true;
            }
        }
        throw new IllegalStateException("no duplicate of " + value);
    }

    private static void version(LeBytes in, int expected) {
        long version = in.u32Unsigned(4);
        if (version != expected) {
            throw fail("tokenizer version must be " + expected, in.absolute(4), version);
        }
    }

    private static void agree(LeBytes in, long vocab, int headerVocab) {
        if (headerVocab >= 0 && vocab != headerVocab) {
            throw fail("tokenizer vocab_size must equal the SLM header's vocab_size (" + headerVocab + ")",
                    in.absolute(8), vocab);
        }
    }

    private static void specials(LeBytes in) {
        String[] names = {"bos", "eos", "pad", "unk"};
        for (int i = 0; i < 4; i++) {
            long id = in.u32Unsigned(12 + 4 * i);
            if (id != Tokenizer.BOS + i) {
                throw fail(names[i] + " id must be " + (Tokenizer.BOS + i), in.absolute(12 + 4 * i), id);
            }
        }
    }

    private static boolean magic(byte[] b, char c0, char c1, char c2, char c3) {
        return b[0] == c0 && b[1] == c1 && b[2] == c2 && b[3] == c3;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < 4; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return sb.toString();
    }

    private static FormatException fail(String rule, long offset, Object value) {
        return new FormatException(ErrorCode.INVALID_TOKENIZER, rule, offset, value);
    }
}
