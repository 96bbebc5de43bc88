package io.paddock.runtime.model;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.ModelHeaderRules;
import io.paddock.protocol.tokenizer.Tokenizer;

/**
 * The validated shape of a model (reference §2, §7): every value the forward pass and the
 * state allocation depend on. Only {@link #of(ModelHeader)} and the canonical constructor
 * make one, and both reject invalid values with a {@link FormatException}, so a
 * {@code ModelConfig} is always safe to size a {@link State} from.
 *
 * @param dim         hidden size (= heads × headDim)
 * @param ffnDim      SwiGLU hidden width
 * @param layers      transformer blocks
 * @param heads       query heads
 * @param kvHeads     key/value heads (divides heads: GQA)
 * @param headDim     width of one head (even: RoPE rotates pairs)
 * @param vocabSize   vocabulary (≥ 260)
 * @param maxContext  KV-cache positions (≤ {@link #MAX_CONTEXT})
 * @param ropeTheta   RoPE base, finite and > 0
 * @param rmsEps      RMSNorm epsilon, finite and > 0
 * @param tiedOutput  logits use tok_embeddings.weight
 */
public record ModelConfig(
        int dim,
        int ffnDim,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int vocabSize,
        int maxContext,
        float ropeTheta,
        float rmsEps,
        boolean tiedOutput) {

    /** Largest context: keeps RoPE angles (pos · freq, freq ≤ 1) inside Paddock's sin/cos domain. */
    public static final int MAX_CONTEXT = 1 << 19;
    /** Largest {@link State} (KV cache, scratch, logits, RoPE table) a config may ask for. */
    public static final long MAX_STATE_BYTES = 1L << 32;

    public ModelConfig {
        positive("hidden_size", dim);
        positive("ffn_size", ffnDim);
        positive("layer_count", layers);
        positive("head_count", heads);
        positive("kv_head_count", kvHeads);
        positive("head_dim", headDim);
        positive("max_context", maxContext);
        if (vocabSize < Tokenizer.FIRST_MERGED) {
            throw new FormatException(ErrorCode.INVALID_HEADER, "vocab_size must be at least 260",
                    Integer.toUnsignedString(vocabSize));
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH,
                    "kv_head_count must divide head_count (" + heads + ")", kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH, "head_dim must be even (RoPE rotates pairs)", headDim);
        }
        if ((long) heads * headDim != dim) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH,
                    "head_count × head_dim must equal hidden_size (" + dim + ")", heads + " × " + headDim);
        }
        if (maxContext > MAX_CONTEXT) {
            throw new FormatException(ErrorCode.INVALID_HEADER, "max_context must be at most " + MAX_CONTEXT,
                    maxContext);
        }
        finitePositive("rope_theta", ropeTheta);
        finitePositive("rms_norm_epsilon", rmsEps);
        long bytes = stateBytes(dim, ffnDim, layers, heads, kvHeads * headDim, headDim, vocabSize, maxContext);
        if (bytes > MAX_STATE_BYTES) {
            throw new FormatException(ErrorCode.INVALID_HEADER,
                    "runtime state (KV cache, scratch, logits) must fit in " + MAX_STATE_BYTES + " bytes", bytes);
        }
    }

    /** The config of a header: the protocol's header rules first, then the runtime's own limits. */
    public static ModelConfig of(ModelHeader h) {
        ModelHeaderRules.validate(h);
        return new ModelConfig(h.hiddenSize(), h.ffnSize(), h.layerCount(), h.headCount(), h.kvHeadCount(),
                h.headDim(), h.vocabSize(), h.maxContext(), h.ropeTheta(), h.rmsNormEpsilon(), h.tiedOutput());
    }

    /** Width of the key/value projections: kvHeads × headDim. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Query heads per key/value head (query head h reads kv head h / kvGroup). */
    public int kvGroup() {
        return heads / kvHeads;
    }

    /** Bytes a {@link State} for this config holds (what diagnostics report as peak scratch). */
    public long stateBytes() {
        return stateBytes(dim, ffnDim, layers, heads, kvDim(), headDim, vocabSize, maxContext);
    }

    /** Whether a state sized for this config also serves {@code other} (same buffers and RoPE table). */
    public boolean sameStateShape(ModelConfig other) {
        return dim == other.dim && ffnDim == other.ffnDim && layers == other.layers && heads == other.heads
                && kvHeads == other.kvHeads && headDim == other.headDim && vocabSize == other.vocabSize
                && maxContext == other.maxContext
                && Float.floatToRawIntBits(ropeTheta) == Float.floatToRawIntBits(other.ropeTheta);
    }

    private static long stateBytes(int dim, int ffn, int layers, int heads, int kvDim, int headDim, int vocab, int ctx) {
        long floats = 4L * dim                 // x, xb, xb2, q
                + 2L * ffn                     // hb, hb2
                + 2L * kvDim                   // k, v
                + (long) heads * ctx           // att
                + vocab                        // logits
                + (long) ctx * headDim;        // RoPE cos and sin tables (ctx × headDim/2 each)
        long cache = saturatingMultiply(2L * layers, (long) ctx * kvDim);   // key and value cache
        return saturatingMultiply(4, floats > Long.MAX_VALUE - cache ? Long.MAX_VALUE : floats + cache);
    }

    private static long saturatingMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new FormatException(ErrorCode.INVALID_HEADER, field + " must be nonzero and at most 2^31-1",
                    Integer.toUnsignedString(value));
        }
    }

    private static void finitePositive(String field, float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new FormatException(ErrorCode.INVALID_HEADER, field + " must be finite and > 0", value);
        }
    }
}
