package io.paddock.protocol.slm;

import io.paddock.protocol.tokenizer.ByteTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

/**
 * Which tokenizer a synthetic model gets: {@code btok} (vocabulary 260) or {@code bpe:<vocab>}
 * (BPE1 with {@code vocab - 260} seeded merges).
 */
public record TokenizerSpec(boolean bpe, int vocabSize) {

    public TokenizerSpec {
        if (!bpe && vocabSize != ByteTokenizer.VOCAB_SIZE) {
            throw new IllegalArgumentException("btok has vocabulary 260: got " + vocabSize);
        }
        if (vocabSize < Tokenizer.FIRST_MERGED) {
            throw new IllegalArgumentException("bpe vocabulary must be at least 260: got " + vocabSize);
        }
    }

    public static TokenizerSpec btok() {
        return new TokenizerSpec(false, ByteTokenizer.VOCAB_SIZE);
    }

    public static TokenizerSpec bpe(int vocabSize) {
        return new TokenizerSpec(true, vocabSize);
    }

    /** Parses {@code btok} or {@code bpe:<vocab>}. */
    public static TokenizerSpec parse(String text) {
        if (text.equals("btok")) {
            return btok();
        }
        if (text.startsWith("bpe:")) {
            int vocab;
            try {
                vocab = Integer.parseInt(text.substring(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tokenizer must be btok or bpe:<vocab>: got '" + text + "'");
            }
            return bpe(vocab);
        }
        throw new IllegalArgumentException("tokenizer must be btok or bpe:<vocab>: got '" + text + "'");
    }

    @Override
    public String toString() {
        return bpe ? "bpe:" + vocabSize : "btok";
    }
}
