package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ByteSources;
import io.paddock.protocol.tokenizer.Tokenizer;

/**
 * The rules of the model-describing header fields (reference §2, snapshot B): each failure is a
 * {@link FormatException} naming the rule, the field's header offset and the bad value.
 * Dimensions are u32 on disk; values that do not fit a positive Java {@code int}, and shapes whose
 * element count does not fit one Java array, are rejected so no later step can overflow.
 */
public final class ModelHeaderRules {
    private ModelHeaderRules() {
    }

    /** Throws the first rule {@code h} breaks, in field order. */
    public static void validate(ModelHeader h) {
        if (h.modelType() != SlmFormat.MODEL_TYPE_TRANSFORMER) {
            fail(ErrorCode.INVALID_HEADER, "model_type must be 1 (decoder-only transformer)",
                    SlmFormat.OFF_MODEL_TYPE, unsigned(h.modelType()));
        }
        if ((h.flags() & ~ModelHeader.FLAG_TIED_OUTPUT) != 0) {
            fail(ErrorCode.INVALID_HEADER, "flags may only set bit 0 (tied output)",
                    SlmFormat.OFF_FLAGS, "0x" + Integer.toHexString(h.flags()));
        }
        if (h.vocabSize() < Tokenizer.FIRST_MERGED) {
            fail(ErrorCode.INVALID_HEADER, "vocab_size must be at least 260 and at most 2^31-1",
                    SlmFormat.OFF_VOCAB_SIZE, unsigned(h.vocabSize()));
        }
        if (h.specialTokenCount() != SlmFormat.SPECIAL_TOKEN_COUNT) {
            fail(ErrorCode.INVALID_HEADER, "special_token_count must be 4 (BOS, EOS, PAD, UNK)",
                    SlmFormat.OFF_SPECIAL_TOKEN_COUNT, unsigned(h.specialTokenCount()));
        }
        positive("hidden_size", h.hiddenSize(), SlmFormat.OFF_HIDDEN_SIZE);
        positive("layer_count", h.layerCount(), SlmFormat.OFF_LAYER_COUNT);
        positive("head_count", h.headCount(), SlmFormat.OFF_HEAD_COUNT);
        positive("kv_head_count", h.kvHeadCount(), SlmFormat.OFF_KV_HEAD_COUNT);
        positive("head_dim", h.headDim(), SlmFormat.OFF_HEAD_DIM);
        positive("ffn_size", h.ffnSize(), SlmFormat.OFF_FFN_SIZE);
        positive("max_context", h.maxContext(), SlmFormat.OFF_MAX_CONTEXT);
        if (h.kvHeadCount() > h.headCount() || h.headCount() % h.kvHeadCount() != 0) {
            fail(ErrorCode.SHAPE_MISMATCH, "kv_head_count must divide head_count (" + h.headCount() + ")",
                    SlmFormat.OFF_KV_HEAD_COUNT, h.kvHeadCount());
        }
        if (h.headDim() % 2 != 0) {
            fail(ErrorCode.SHAPE_MISMATCH, "head_dim must be even (RoPE rotates pairs)",
                    SlmFormat.OFF_HEAD_DIM, h.headDim());
        }
        if ((long) h.headCount() * h.headDim() != h.hiddenSize()) {
            fail(ErrorCode.SHAPE_MISMATCH, "head_count × head_dim must equal hidden_size (" + h.hiddenSize() + ")",
                    SlmFormat.OFF_HEAD_DIM, h.headCount() + " × " + h.headDim());
        }
        finitePositive("rope_theta", h.ropeTheta(), SlmFormat.OFF_ROPE_THETA);
        finitePositive("rms_norm_epsilon", h.rmsNormEpsilon(), SlmFormat.OFF_RMS_NORM_EPSILON);
        fitsArray("vocab_size × hidden_size", (long) h.vocabSize() * h.hiddenSize(), SlmFormat.OFF_VOCAB_SIZE);
        fitsArray("hidden_size × hidden_size", (long) h.hiddenSize() * h.hiddenSize(), SlmFormat.OFF_HIDDEN_SIZE);
        fitsArray("ffn_size × hidden_size", (long) h.ffnSize() * h.hiddenSize(), SlmFormat.OFF_FFN_SIZE);
    }

    private static void positive(String field, int value, int offset) {
        if (value <= 0) {
            fail(ErrorCode.INVALID_HEADER, field + " must be nonzero and at most 2^31-1", offset, unsigned(value));
        }
    }

    private static void finitePositive(String field, float value, int offset) {
        if (!(value > 0) || Float.isInfinite(value)) {
            fail(ErrorCode.INVALID_HEADER, field + " must be finite and > 0", offset, value);
        }
    }

    private static void fitsArray(String what, long elements, int offset) {
        if (elements > ByteSources.MAX_ARRAY) {
            fail(ErrorCode.INVALID_HEADER, what + " must fit in one Java array (" + ByteSources.MAX_ARRAY
                    + " elements)", offset, elements);
        }
    }

    private static String unsigned(int v) {
        return Integer.toUnsignedString(v);
    }

    private static void fail(ErrorCode code, String rule, int offset, Object value) {
        throw new FormatException(code, rule, offset, value);
    }
}
