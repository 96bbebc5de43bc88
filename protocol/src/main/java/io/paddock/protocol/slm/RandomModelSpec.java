package io.paddock.protocol.slm;

/**
 * The parameters of {@code paddock pack random}. {@code head_dim = hidden / heads}. Checked on
 * construction ({@link IllegalArgumentException} naming the parameter; nothing is adjusted).
 *
 * @param q4BlockSize block size when {@code dtype} is q4_0 (must divide hidden and ffn)
 */
public record RandomModelSpec(int layers, int hidden, int heads, int kvHeads, int ffn, int context,
                              TokenizerSpec tokenizer, DType dtype, int q4BlockSize, boolean tied, long seed,
                              float ropeTheta, float rmsNormEpsilon) {

    public static final float DEFAULT_ROPE_THETA = 10000f;
    public static final float DEFAULT_RMS_NORM_EPSILON = 1e-5f;

    public RandomModelSpec {
        positive("layers", layers);
        positive("hidden", hidden);
        positive("heads", heads);
        positive("kv-heads", kvHeads);
        positive("ffn", ffn);
        positive("context", context);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden must be a multiple of heads: " + hidden + " / " + heads);
        }
        if ((hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("head_dim = hidden / heads must be even: got " + hidden / heads);
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new IllegalArgumentException("kv-heads must divide heads (" + heads + "): got " + kvHeads);
        }
        if (dtype == DType.Q4_0) {
            Quantizer.requireQ4Block(q4BlockSize, hidden);
            Quantizer.requireQ4Block(q4BlockSize, ffn);
        }
        if (!(ropeTheta > 0) || Float.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("rope theta must be finite and > 0: got " + ropeTheta);
        }
        if (!(rmsNormEpsilon > 0) || Float.isInfinite(rmsNormEpsilon)) {
            throw new IllegalArgumentException("rms norm epsilon must be finite and > 0: got " + rmsNormEpsilon);
        }
    }

    /** A spec with q4_0 block 32, rope_theta 10000 and epsilon 1e-5. */
    public static RandomModelSpec of(int layers, int hidden, int heads, int kvHeads, int ffn, int context,
                                     TokenizerSpec tokenizer, DType dtype, boolean tied, long seed) {
        return new RandomModelSpec(layers, hidden, heads, kvHeads, ffn, context, tokenizer, dtype,
                SlmFormat.DEFAULT_Q4_BLOCK, tied, seed, DEFAULT_ROPE_THETA, DEFAULT_RMS_NORM_EPSILON);
    }

    /** The same spec with another q4_0 block size. */
    public RandomModelSpec withQ4BlockSize(int blockSize) {
        return new RandomModelSpec(layers, hidden, heads, kvHeads, ffn, context, tokenizer, dtype, blockSize, tied,
                seed, ropeTheta, rmsNormEpsilon);
    }

    public int headDim() {
        return hidden / heads;
    }

    /** The model header this spec describes. */
    public ModelHeader header() {
        return new ModelHeader(SlmFormat.MODEL_TYPE_TRANSFORMER, tied ? ModelHeader.FLAG_TIED_OUTPUT : 0,
                tokenizer.vocabSize(), SlmFormat.SPECIAL_TOKEN_COUNT, hidden, layers, heads, kvHeads, headDim(),
                ffn, context, ropeTheta, rmsNormEpsilon);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: got " + value);
        }
    }
}
