package io.paddock.trainer.model;

import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmFormat;
import io.paddock.protocol.tokenizer.ByteTokenizer;

/**
 * The shape of a trainable model: model_type 1, BTOK (vocabulary 260), key/value heads equal to
 * query heads, untied output. Checked on construction (nothing is adjusted).
 *
 * @param dim       hidden size
 * @param layers    transformer blocks
 * @param heads     attention heads (dim / heads must be even)
 * @param ffn       SwiGLU hidden width
 * @param context   max_context of the written model
 * @param ropeTheta RoPE base
 * @param rmsEps    RMSNorm epsilon
 */
public record ModelShape(int dim, int layers, int heads, int ffn, int context, float ropeTheta, float rmsEps) {
    public static final int VOCAB = ByteTokenizer.VOCAB_SIZE;
    public static final float DEFAULT_ROPE_THETA = 10000f;
    public static final float DEFAULT_RMS_EPS = 1e-5f;

    public ModelShape {
        positive("dim", dim);
        positive("layers", layers);
        positive("heads", heads);
        positive("ffn", ffn);
        positive("context", context);
        if (dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim / heads must be an even integer: " + dim + " / " + heads);
        }
        if (!(ropeTheta > 0) || Float.isInfinite(ropeTheta) || !(rmsEps > 0) || Float.isInfinite(rmsEps)) {
            throw new IllegalArgumentException("rope theta and rms epsilon must be finite and > 0");
        }
    }

    /** A shape with theta 10000 and epsilon 1e-5. */
    public static ModelShape of(int dim, int layers, int heads, int ffn, int context) {
        return new ModelShape(dim, layers, heads, ffn, context, DEFAULT_ROPE_THETA, DEFAULT_RMS_EPS);
    }

    /** The shape of a model header; IllegalArgumentException if the trainer cannot train it. */
    public static ModelShape of(ModelHeader h) {
        if (h.modelType() != SlmFormat.MODEL_TYPE_TRANSFORMER || h.tiedOutput() || h.vocabSize() != VOCAB
                || h.kvHeadCount() != h.headCount()) {
            throw new IllegalArgumentException("the trainer handles model_type 1, untied, BTOK (vocab 260), "
                    + "kv_heads = heads; got " + h);
        }
        return new ModelShape(h.hiddenSize(), h.layerCount(), h.headCount(), h.ffnSize(), h.maxContext(),
                h.ropeTheta(), h.rmsNormEpsilon());
    }

    public int headDim() {
        return dim / heads;
    }

    /** The SLM1 header of this shape. */
    public ModelHeader header() {
        return new ModelHeader(SlmFormat.MODEL_TYPE_TRANSFORMER, 0, VOCAB, SlmFormat.SPECIAL_TOKEN_COUNT, dim, layers,
                heads, heads, headDim(), ffn, context, ropeTheta, rmsEps);
    }

    /** Parameter count (C6). */
    public long parameterCount() {
        long perLayer = 2L * dim + 4L * dim * dim + 3L * dim * ffn;
        return 2L * VOCAB * dim + dim + layers * perLayer;
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }
}
