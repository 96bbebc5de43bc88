package io.paddock.protocol.slm;

/**
 * The model-describing fields of an SLM1 header (reference §2), without the layout
 * fields (offsets, counts, checksum) that a writer computes. Validated by
 * {@link ModelHeaderRules} before any allocation depends on it.
 *
 * @param modelType           1 = the decoder-only transformer
 * @param flags               bit 0 = tied output projection
 * @param vocabSize           tokens in the vocabulary (must agree with the tokenizer)
 * @param specialTokenCount   4 for BTOK and BPE1
 * @param hiddenSize          model width (= headCount × headDim)
 * @param layerCount          transformer blocks
 * @param headCount           query heads
 * @param kvHeadCount         key/value heads (divides headCount: GQA)
 * @param headDim             width of one head (even)
 * @param ffnSize             SwiGLU hidden width
 * @param maxContext          KV cache positions
 * @param ropeTheta           RoPE base, finite and positive
 * @param rmsNormEpsilon      RMSNorm epsilon, finite and positive
 */
public record ModelHeader(
        int modelType,
        int flags,
        int vocabSize,
        int specialTokenCount,
        int hiddenSize,
        int layerCount,
        int headCount,
        int kvHeadCount,
        int headDim,
        int ffnSize,
        int maxContext,
        float ropeTheta,
        float rmsNormEpsilon) {

    public static final int FLAG_TIED_OUTPUT = 1;

    public boolean tiedOutput() {
        return (flags & FLAG_TIED_OUTPUT) != 0;
    }

    /** Width of the key/value projections: kvHeadCount × headDim. */
    public int kvDim() {
        return kvHeadCount * headDim;
    }
}
