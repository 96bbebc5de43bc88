package io.paddock.vector.bench;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.tokenizer.ByteTokenizer;

import java.util.List;
import java.util.Locale;

/**
 * The shape of a benchmark model (random weights, so only the shape matters for speed).
 * Vocabularies above 260 get a seeded BPE1 tokenizer; 260 means BTOK.
 */
public record ModelShape(String name, int dim, int ffn, int layers, int heads, int kvHeads, int vocab,
                         int context, boolean tied) {

    /** llama2.c's stories15M: the reference shape. */
    public static final ModelShape STORIES_15M = new ModelShape("stories15m", 288, 768, 6, 6, 6, 32000, 256, true);
    /** llama2.c's stories42M. */
    public static final ModelShape STORIES_42M = new ModelShape("stories42m", 512, 1376, 8, 8, 8, 32000, 256, true);
    /** llama2.c's stories110M. */
    public static final ModelShape STORIES_110M = new ModelShape("stories110m", 768, 2048, 12, 12, 12, 32000, 256, true);
    /** A small shape for smoke tests (GQA, BTOK). */
    public static final ModelShape TINY = new ModelShape("tiny", 64, 192, 2, 4, 2, ByteTokenizer.VOCAB_SIZE, 64, true);

    public ModelShape {
        if (dim <= 0 || ffn <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || vocab < ByteTokenizer.VOCAB_SIZE
                || context <= 1) {
            throw new IllegalArgumentException("invalid model shape " + name + ": every size must be positive, "
                    + "vocab >= 260 and context >= 2");
        }
    }

    public static List<ModelShape> known() {
        return List.of(STORIES_15M, STORIES_42M, STORIES_110M, TINY);
    }

    /** The known shape with this name (case-insensitive). */
    public static ModelShape named(String name) {
        for (ModelShape s : known()) {
            if (s.name.equalsIgnoreCase(name)) {
                return s;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ModelShape s : known()) {
            names.append(names.length() == 0 ? "" : ", ").append(s.name);
        }
        throw new IllegalArgumentException("unknown shape '" + name + "' (expected one of " + names + ")");
    }

    /** The spec of a seeded random model of this shape in {@code dtype} (q4_0 block 32). */
    public RandomModelSpec spec(DType dtype, long seed) {
        TokenizerSpec tokenizer = vocab == ByteTokenizer.VOCAB_SIZE ? TokenizerSpec.btok() : TokenizerSpec.bpe(vocab);
        return RandomModelSpec.of(layers, dim, heads, kvHeads, ffn, context, tokenizer, dtype, tied, seed);
    }

    /** One line: "stories15m (dim 288, ffn 768, 6 layers, 6 heads, kv 6, vocab 32000, context 256, tied)". */
    public String describe() {
        return String.format(Locale.ROOT, "%s (dim %d, ffn %d, %d layers, %d heads, kv %d, vocab %d, context %d, %s)",
                name, dim, ffn, layers, heads, kvHeads, vocab, context, tied ? "tied" : "untied");
    }
}
